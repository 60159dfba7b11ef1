using System.Reflection;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Identity.Features;

/// <summary>
/// Collaborators (团队成员, DOMAIN C2) on the records of every <see cref="CollaborationTarget"/>, kept as record shares
/// (ADR 0090): the same rows record access already honours for lists, gets and writes.
/// </summary>
public sealed class Collaborators(KeqingDb db, RecordAccess access, IEnumerable<CollaborationTarget> targets, TimeProvider clock) : ICollaborators
{
    public async Task<CollaboratorList> List(string recordType, Guid recordId, CancellationToken ct)
    {
        var record = await Find(recordType, recordId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var shares = await access.SharesOf(recordType, recordId, ct);
        var userIds = shares.Where(s => s.UserId != null).Select(s => s.UserId!.Value).ToList();
        var teamIds = shares.Where(s => s.TeamId != null).Select(s => s.TeamId!.Value).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var teams = await db.Set<Team>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var items = shares.Select(s => ToDto(s, s.UserId is { } u ? users.GetValueOrDefault(u, "") : teams.GetValueOrDefault(s.TeamId!.Value, ""), now))
            .OrderByDescending(c => c.Active).ThenBy(c => c.CreatedAt).ToList();
        return new CollaboratorList(items, await access.CanManageCollaborators(record, ct));
    }

    public async Task<(CollaboratorDto Collaborator, bool Created)> Add(string recordType, Guid recordId, CollaboratorRequest request, CancellationToken ct)
    {
        var record = await Find(recordType, recordId, ct);
        var level = (request.Access ?? CollaboratorAccess.Read).Trim().ToLowerInvariant();
        if (level is not (CollaboratorAccess.Read or CollaboratorAccess.Write))
            throw new ValidationFailedException("access", FieldErrors.Text("access must be read or write."));
        var (share, created) = await access.Share(recordType, record, new ShareRequest(request.TeamId, request.UserId, level == CollaboratorAccess.Write, request.Until), ct);
        await db.SaveChangesAsync(ct);
        var name = share.UserId is { } user
            ? await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName).FirstAsync(ct)
            : await db.Set<Team>().Where(t => t.Id == share.TeamId).Select(t => t.Name).FirstAsync(ct);
        return (ToDto(share, name, clock.GetUtcNow().UtcDateTime), created);
    }

    public async Task Remove(string recordType, Guid recordId, Guid collaboratorId, CancellationToken ct)
    {
        var record = await Find(recordType, recordId, ct);
        await access.Unshare(recordType, record, collaboratorId, ct);
        await db.SaveChangesAsync(ct);
    }

    private static CollaboratorDto ToDto(ShareDto s, string name, DateTime now) =>
        new(s.Id, s.UserId, s.TeamId, name, s.CanWrite ? CollaboratorAccess.Write : CollaboratorAccess.Read, s.Until,
            s.Until is null || s.Until > now, s.CreatedAt);

    /// <summary>The record, if the caller may see it (404 otherwise, and for a record type that takes no collaborators).</summary>
    private async Task<IOwnedRecord> Find(string recordType, Guid recordId, CancellationToken ct)
    {
        var target = targets.FirstOrDefault(t => RecordTypes.KeyOf(t.Entity) == recordType) ?? throw new NotFoundException("record");
        return await (Task<IOwnedRecord>)FindVisible.MakeGenericMethod(target.Entity).Invoke(this, [recordId, ct])!;
    }

    private static readonly MethodInfo FindVisible = typeof(Collaborators).GetMethod(nameof(FindVisibleOf), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private async Task<IOwnedRecord> FindVisibleOf<T>(Guid id, CancellationToken ct) where T : class, IOwnedRecord =>
        await access.FindVisible(db.Set<T>().AsNoTracking(), id, ct);
}
