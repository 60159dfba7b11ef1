using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// A team's queue: the open cases waiting for an agent (nobody fitted when they were opened), oldest first, and taking
/// one. The team's members, its managers and admins see it (anyone else: 404). Taking deletes the case's queue row in
/// the same transaction that makes the caller its owner, so of two agents taking the same case one gets it and the other
/// a 409.
/// </summary>
public sealed class TeamQueue(KeqingDb db, IRecordAccess access, IUserDirectory users, ICustomerDirectory customers, CreateCase rules,
    GetCase get, CurrentUser user, TimeProvider time)
{
    private sealed record Cursor(DateTime QueuedAt, Guid Id);

    public async Task<Page<QueuedCaseDto>> List(Guid teamId, int? limit, string? after, CancellationToken ct)
    {
        await EnsureSees(teamId, ct);
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        var query = Waiting(teamId);
        if (cursor is { } c) query = query.Where(x => x.QueuedAt > c.QueuedAt || (x.QueuedAt == c.QueuedAt && x.Id.CompareTo(c.Id) > 0));
        var rows = await query.Join(db.Set<ServiceCase>().AsNoTracking(), q => q.CaseId, x => x.Id, (q, x) => new { q.Id, q.QueuedAt, Case = x })
            .OrderBy(x => x.QueuedAt).ThenBy(x => x.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, x => new Cursor(x.QueuedAt, x.Id));
        var names = await customers.Find(page.Items.Select(x => x.Case.CustomerId).Distinct(), ct);
        return new Page<QueuedCaseDto>(page.Items.Select(x => new QueuedCaseDto(x.Case.Id, x.Case.Number, x.Case.Subject, x.Case.Type,
            x.Case.Priority, x.Case.CustomerId, names.GetValueOrDefault(x.Case.CustomerId)?.Name ?? "", x.QueuedAt)).ToList(), page.Next);
    }

    /// <summary>
    /// The caller takes a case of the queue (<see cref="TakeCaseInput.CaseId"/>) or the oldest one: null when the queue is
    /// empty; 409 when the chosen case is not (or no longer) waiting; 404 when it is not a case of this team one may see.
    /// </summary>
    public async Task<CaseDto?> Take(Guid teamId, TakeCaseInput input, CancellationToken ct)
    {
        await EnsureSees(teamId, ct);
        if (input.CaseId is { } chosen)
        {
            if (!await db.Set<ServiceCase>().AnyAsync(x => x.Id == chosen && x.TeamId == teamId, ct)) throw new NotFoundException("case");
            return await TryTake(teamId, chosen, ct)
                ?? throw new ConflictException(FieldErrors.Text("Someone else has taken this case already."));
        }
        // The oldest: another agent may take it between the read and the delete; then the next one.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var next = await Waiting(teamId).OrderBy(x => x.QueuedAt).ThenBy(x => x.Id).Select(x => (Guid?)x.CaseId).FirstOrDefaultAsync(ct);
            if (next is not { } caseId) return null;
            if (await TryTake(teamId, caseId, ct) is { } taken) return taken;
        }
        throw new ConflictException(FieldErrors.Text("Others are taking these cases right now; try again."));
    }

    private async Task<CaseDto?> TryTake(Guid teamId, Guid caseId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var team = await rules.TeamOfOwner(user.UserId, errors, ct);
        errors.ThrowIfAny();
        ServiceCase? taken = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            taken = null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var removed = await db.Set<QueuedCase>().Where(q => q.CaseId == caseId && q.TeamId == teamId).ExecuteDeleteAsync(ct);
            if (removed == 0) return;
            var c = await db.Set<ServiceCase>().FirstAsync(x => x.Id == caseId, ct);
            var now = time.GetUtcNow().UtcDateTime;
            (c.OwnerId, c.TeamId, c.UpdatedAt) = (user.UserId, team, now);
            var profile = await db.Set<AgentProfile>().FirstOrDefaultAsync(p => p.UserId == user.UserId, ct);
            if (profile is null) db.Add(profile = new AgentProfile { UserId = user.UserId });
            profile.LastAssignedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            taken = c;
        });
        return taken is null ? null : await get.ToDto(taken, ct);
    }

    /// <summary>The queue rows of the team whose cases are still open.</summary>
    private IQueryable<QueuedCase> Waiting(Guid teamId) =>
        db.Set<QueuedCase>().AsNoTracking().Where(q => q.TeamId == teamId && db.Set<ServiceCase>().Any(x => x.Id == q.CaseId
            && (x.Status == CaseStatus.New || x.Status == CaseStatus.Open || x.Status == CaseStatus.WaitingOnCustomer)));

    private async Task EnsureSees(Guid teamId, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        var member = scope.TeamId == teamId && user.Can(ServiceCapabilities.Work);
        if (!(scope.IsAdmin || member || scope.ManagedTeamIds.Contains(teamId)) || !await users.TeamExists(teamId, ct))
            throw new NotFoundException("team");
    }
}
