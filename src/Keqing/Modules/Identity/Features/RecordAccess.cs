using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Microsoft.EntityFrameworkCore;

using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Identity.Features;

/// <summary>Record-level access (DOMAIN P5) on Identity's users, teams and record shares; see <see cref="IRecordAccess"/>.</summary>
public sealed class RecordAccess(KeqingDb db, CurrentUser currentUser, TimeProvider clock) : IRecordAccess
{
    private AccessScope? scope;

    public async Task<AccessScope> ScopeAsync(CancellationToken ct) =>
        scope ??= await ScopeOf(currentUser.UserId, Roles.All.Where(currentUser.IsInRole).ToList(), ct);

    /// <summary>
    /// The scope of a user named explicitly rather than the one acting in this scope: a job judging what its creator may
    /// do, with the roles they had when they created it.
    /// </summary>
    public async Task<AccessScope> ScopeOf(Guid userId, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        if (roles.Contains(Roles.Admin)) return new AccessScope(userId, true, null, []);

        // One round trip (UNION ALL): every request of a non-admin asks this.
        var rows = await db.Users.Where(u => u.Id == userId).Select(u => new { Own = true, u.TeamId })
            .Concat(db.Set<Team>().Where(t => t.ManagerId == userId).Select(t => new { Own = false, TeamId = (Guid?)t.Id }))
            .ToListAsync(ct);
        var teamId = rows.FirstOrDefault(r => r.Own)?.TeamId;
        var managed = rows.Where(r => !r.Own).Select(r => r.TeamId!.Value).ToList();
        if (teamId is { } own && Roles.Managers.Any(roles.Contains) && !managed.Contains(own)) managed.Add(own);
        return new AccessScope(userId, false, teamId, managed);
    }

    /// <summary>The records of <paramref name="query"/> the acting user may see.</summary>
    /// <remarks>
    /// Branches joined by UNION ALL, each served by its own index: the user's own records (owner index, in order), the
    /// managed teams' records (team index), and the records shared with them (driven from the shares). One OR over all
    /// three would make the database read every row.
    /// </remarks>
    public async Task<IQueryable<T>> Visible<T>(IQueryable<T> query, CancellationToken ct) where T : class, IOwnedRecord
    {
        var s = await ScopeAsync(ct);
        if (s.IsAdmin) return query;
        var me = s.UserId;
        var teams = s.ManagedTeamIds;
        var shared = SharesFor<T>(s).Select(x => x.RecordId);
        var own = query.Where(r => r.OwnerId == me);
        if (teams.Count == 0) return own.Concat(query.Where(r => shared.Contains(r.Id) && r.OwnerId != me));
        var team = query.Where(r => r.TeamId != null && teams.Contains(r.TeamId.Value) && r.OwnerId != me);
        var sharedOnly = query.Where(r => shared.Contains(r.Id) && r.OwnerId != me && (r.TeamId == null || !teams.Contains(r.TeamId.Value)));
        return own.Concat(team).Concat(sharedOnly);
    }

    /// <summary>The records of <paramref name="query"/> others own that are shared with the acting user or their team, not ended.</summary>
    public async Task<IQueryable<T>> SharedWithMe<T>(IQueryable<T> query, CancellationToken ct) where T : class, IOwnedRecord
    {
        var s = await ScopeAsync(ct);
        var shared = SharesFor<T>(s).Select(x => x.RecordId);
        var me = s.UserId;
        return query.Where(r => shared.Contains(r.Id) && r.OwnerId != me);
    }

    /// <summary>The same test as <see cref="Visible{T}"/> as one predicate, for fetching single records by id.</summary>
    private async Task<IQueryable<T>> VisibleOne<T>(IQueryable<T> query, CancellationToken ct) where T : class, IOwnedRecord
    {
        var s = await ScopeAsync(ct);
        if (s.IsAdmin) return query;
        var shares = SharesFor<T>(s);
        var me = s.UserId;
        var teams = s.ManagedTeamIds;
        return query.Where(r => r.OwnerId == me || (r.TeamId != null && teams.Contains(r.TeamId.Value))
                                || shares.Any(x => x.RecordId == r.Id));
    }

    /// <summary>The visible record with this id, or 404 (never saying whether it exists).</summary>
    public async Task<T> FindVisible<T>(IQueryable<T> query, Guid id, CancellationToken ct) where T : class, IOwnedRecord =>
        await (await VisibleOne(query.Where(r => r.Id == id), ct)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException(typeof(T).Name.ToLowerInvariant());

    /// <summary>Whether the acting user may change this (visible) record: owner, team manager, admin or a read-write share.</summary>
    public async Task<bool> CanWrite<T>(T record, CancellationToken ct) where T : class, IOwnedRecord
    {
        var s = await ScopeAsync(ct);
        if (s.IsAdmin || record.OwnerId == s.UserId) return true;
        if (record.TeamId is { } team && s.ManagedTeamIds.Contains(team)) return true;
        return await SharesFor<T>(s).AnyAsync(x => x.RecordId == record.Id && x.CanWrite, ct);
    }

    /// <summary>Throws 403 unless the acting user may change the record.</summary>
    public async Task EnsureCanWrite<T>(T record, CancellationToken ct) where T : class, IOwnedRecord
    {
        if (!await CanWrite(record, ct))
            throw new ForbiddenException("You may see this record but not change it; ask its owner to share it read-write.");
    }

    /// <summary>The shares of one record.</summary>
    public Task<IReadOnlyList<ShareDto>> SharesOf<T>(Guid recordId, CancellationToken ct) where T : IOwnedRecord =>
        SharesOf(RecordTypes.KeyOf<T>(), recordId, ct);

    internal async Task<IReadOnlyList<ShareDto>> SharesOf(string type, Guid recordId, CancellationToken ct)
    {
        return await db.Set<RecordShare>().AsNoTracking().Where(x => x.RecordType == type && x.RecordId == recordId)
            .OrderBy(x => x.Id)
            .Select(x => new ShareDto(x.Id, x.TeamId, x.UserId, x.CanWrite, x.ExpiresAt, x.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>
    /// Shares a record the acting user owns, or whose team they manage (or any, for an admin), with a team or one user (a collaborator, DOMAIN C2), read-only or
    /// read-write, optionally until a date; saved with the caller's SaveChanges. A record has at most one share per
    /// grantee (a unique index): asking again gives that share, changed to the level and end date asked for.
    /// </summary>
    public Task<(ShareDto Share, bool Created)> Share<T>(T record, ShareRequest request, CancellationToken ct) where T : class, IOwnedRecord =>
        Share(RecordTypes.KeyOf<T>(), record, request, ct);

    /// <summary>
    /// Whether the acting user may change who collaborates on a record: its owner, a manager of its team, an admin. A
    /// collaborator, even with write access, may not pass the record on (ADR 0090).
    /// </summary>
    public async Task<bool> CanManageCollaborators(IOwnedRecord record, CancellationToken ct)
    {
        var s = await ScopeAsync(ct);
        return s.IsAdmin || record.OwnerId == s.UserId || (record.TeamId is { } team && s.ManagedTeamIds.Contains(team));
    }

    private async Task EnsureCanManageCollaborators(IOwnedRecord record, CancellationToken ct)
    {
        if (!await CanManageCollaborators(record, ct))
            throw new ForbiddenException(FieldErrors.Text("Only the owner, their manager or an admin may change who collaborates on this record."));
    }

    internal async Task<(ShareDto Share, bool Created)> Share(string type, IOwnedRecord record, ShareRequest request, CancellationToken ct)
    {
        await EnsureCanManageCollaborators(record, ct);
        var errors = new FieldErrors();
        if (request.UserId is { } owner && owner == record.OwnerId) errors.Add("userId", FieldErrors.Text("The owner has this record already."));
        if (request.TeamId is null == request.UserId is null) errors.Add("teamId", FieldErrors.Text("Share with exactly one team (teamId) or one user (userId)."));
        if (request.TeamId is { } team && !await db.Set<Team>().AnyAsync(t => t.Id == team, ct)) errors.Add("teamId", FieldErrors.Text("No team has this id."));
        if (request.UserId is { } user && !await db.Users.AnyAsync(u => u.Id == user && u.IsActive, ct)) errors.Add("userId", FieldErrors.Text("No active user has this id."));
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.Until is { } until && until <= now) errors.Add("until", FieldErrors.Text("until must be in the future."));
        errors.ThrowIfAny();
        var share = await db.Set<RecordShare>().FirstOrDefaultAsync(x => x.RecordType == type && x.RecordId == record.Id
            && (request.UserId != null ? x.UserId == request.UserId : x.TeamId == request.TeamId), ct);
        var created = share is null;
        if (share is null)
        {
            share = new RecordShare { RecordType = type, RecordId = record.Id, TeamId = request.TeamId, UserId = request.UserId, CreatedAt = now };
            db.Set<RecordShare>().Add(share);
        }
        // Unchanged values are not written, so asking twice for the same share writes (and audits) nothing.
        if (share.CanWrite != request.CanWrite) share.CanWrite = request.CanWrite;
        if (share.ExpiresAt != request.Until) share.ExpiresAt = request.Until;
        return (new ShareDto(share.Id, share.TeamId, share.UserId, share.CanWrite, share.ExpiresAt, share.CreatedAt), created);
    }

    /// <summary>A read-only share the system gives, whoever acts (ADR 0110); nothing when the user owns the record or has a share of it.</summary>
    public async Task GrantRead<T>(T record, Guid userId, CancellationToken ct) where T : class, IOwnedRecord
    {
        var type = RecordTypes.KeyOf<T>();
        if (userId == record.OwnerId
            || db.Set<RecordShare>().Local.Any(x => x.RecordType == type && x.RecordId == record.Id && x.UserId == userId)
            || await db.Set<RecordShare>().AnyAsync(x => x.RecordType == type && x.RecordId == record.Id && x.UserId == userId, ct))
            return;
        db.Set<RecordShare>().Add(new RecordShare { RecordType = type, RecordId = record.Id, UserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime });
    }

    /// <summary>Removes a share of a record (the same people as Share); saved with the caller's SaveChanges.</summary>
    public Task Unshare<T>(T record, Guid shareId, CancellationToken ct) where T : class, IOwnedRecord =>
        Unshare(RecordTypes.KeyOf<T>(), record, shareId, ct);

    internal async Task Unshare(string type, IOwnedRecord record, Guid shareId, CancellationToken ct)
    {
        await EnsureCanManageCollaborators(record, ct);
        var share = await db.Set<RecordShare>().FirstOrDefaultAsync(x => x.Id == shareId && x.RecordType == type && x.RecordId == record.Id, ct)
                    ?? throw new NotFoundException("share");
        db.Set<RecordShare>().Remove(share);
    }

    /// <summary>Moves the shares of records merged into another to that record (a customer merge), in the caller's transaction.</summary>
    public Task<int> MoveShares<T>(IReadOnlyList<Guid> fromIds, Guid toId, CancellationToken ct) where T : IOwnedRecord
    {
        var type = RecordTypes.KeyOf<T>();
        var from = fromIds.ToList();
        return db.Set<RecordShare>().Where(x => x.RecordType == type && from.Contains(x.RecordId))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RecordId, toId), ct);
    }

    private IQueryable<RecordShare> SharesFor<T>(AccessScope s)
    {
        var type = RecordTypes.KeyOf<T>();
        var me = s.UserId;
        var team = s.TeamId;
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<RecordShare>().Where(x => x.RecordType == type
                                                && (x.UserId == me || (team != null && x.TeamId == team))
                                                && (x.ExpiresAt == null || x.ExpiresAt > now));
    }
}
