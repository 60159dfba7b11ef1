using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Creates a lead from the API or the form (through <see cref="CreateLead"/>, the caller the fallback owner), or
/// replaces a visible lead's fields under If-Match, keeping its lookups and search text in step and re-scoring it.
/// An explicit owner other than oneself needs an admin or the manager of that owner's team (as for customers).
/// </summary>
public sealed class SaveLead(KeqingDb db, IRecordAccess access, CreateLead create, ResponseClock clock, LeadScoring scoring,
    LeadPrivacy privacy, IUserDirectory users, CurrentUser currentUser, TimeProvider time)
{
    public async Task<LeadDto> Create(LeadInput input, CancellationToken ct)
    {
        if (input.OwnerId is { } ownerId) await CheckOwner(ownerId, currentOwner: null, ct);
        var lead = await create.Add(input, currentUser.UserId, currentUser.UserId, ct);
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(lead.ToDto(), log: false, ct);
    }

    public async Task<LeadDto> Update(Guid id, long expectedVersion, LeadInput input, CancellationToken ct)
    {
        var lead = await access.FindVisible(db.Set<Lead>(), id, ct);
        await access.EnsureCanWrite(lead, ct);
        if (lead.ArchivedAt is not null) throw new ConflictException(FieldErrors.Text("This lead is archived."));
        Preconditions.ExpectVersion(db, lead, expectedVersion);
        input = await privacy.KeepHidden(lead, input, ct);
        LeadFields.Validate(input);
        var now = time.GetUtcNow().UtcDateTime;
        if (input.OwnerId is { } ownerId && ownerId != lead.OwnerId)
        {
            var owner = await CheckOwner(ownerId, lead.OwnerId, ct);
            lead.OwnerId = owner.Id;
            lead.TeamId = owner.TeamId;
            db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.OwnerChanged, OccurredAt = now, UserId = currentUser.UserId });
            // A new owner of an unanswered lead gets the full response time (the clock restarts).
            await clock.Start(lead, now, ct);
        }
        LeadFields.Apply(lead, input);
        await SyncLookups(lead, ct);
        await scoring.Rescore(lead, ct);
        lead.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return await privacy.Protect(lead.ToDto(), log: false, ct);
    }

    /// <summary>The owner, when the caller may give a lead to them: oneself, or a user of a team the caller manages (all for an admin).</summary>
    private async Task<UserSummary> CheckOwner(Guid ownerId, Guid? currentOwner, CancellationToken ct)
    {
        var owner = await users.Find(ownerId, ct);
        if (owner is not { IsActive: true }) throw new ValidationFailedException("ownerId", FieldErrors.Text("The owner must be an active user."));
        if (ownerId == currentUser.UserId || ownerId == currentOwner) return owner;
        var scope = await access.ScopeAsync(ct);
        if (scope.IsAdmin || (owner.TeamId is { } team && scope.ManagedTeamIds.Contains(team))) return owner;
        throw new ValidationFailedException("ownerId", FieldErrors.Text("Only an admin, or the manager of the owner's team, can give a lead to someone else."));
    }

    /// <summary>Makes the lead's lookup rows match its phones and emails (removing the old, adding the new).</summary>
    private async Task SyncLookups(Lead lead, CancellationToken ct)
    {
        var stored = await db.Set<LeadLookup>().Where(l => l.LeadId == lead.Id).ToListAsync(ct);
        var wanted = CreateLead.LookupsOf(lead).ToList();
        db.RemoveRange(stored.Where(s => !wanted.Any(w => w.Kind == s.Kind && w.Value == s.Value)));
        db.AddRange(wanted.Where(w => !stored.Any(s => s.Kind == w.Kind && s.Value == w.Value)));
    }
}
