using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Resolve (an open case), close (any case not closed), reopen: a resolved case within the reopen window opens again;
/// a closed one, or one resolved longer ago, gets a new follow-up case linked to it instead.
/// </summary>
public sealed class ChangeCaseStatus(KeqingDb db, CaseAccess access, CreateCase create, GetCase get, DomainEvents events,
    IOptions<ServiceOptions> options, TimeProvider time)
{
    public async Task<CaseDto> Resolve(Guid id, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        if (!c.IsOpen) throw new ConflictException(FieldErrors.Text("Only an open case can be resolved."));
        var now = time.GetUtcNow().UtcDateTime;
        (c.Status, c.ResolvedAt, c.UpdatedAt) = (CaseStatus.Resolved, now, now);
        events.Raise(new CaseResolved(c.Id, c.CustomerId, c.ContactId, now));
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }

    public async Task<CaseDto> Close(Guid id, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        if (c.Status == CaseStatus.Closed) throw new ConflictException(FieldErrors.Text("The case is already closed."));
        var now = time.GetUtcNow().UtcDateTime;
        (c.Status, c.ClosedAt, c.UpdatedAt) = (CaseStatus.Closed, now, now);
        events.Raise(new CaseClosed(c.Id, null, now));
        await db.SaveChangesAsync(ct);
        return await get.ToDto(c, ct);
    }

    /// <summary>The reopened case, or the new follow-up case (<c>Created</c> true).</summary>
    public async Task<(CaseDto Case, bool Created)> Reopen(Guid id, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        if (c.IsOpen) throw new ConflictException(FieldErrors.Text("The case is open."));
        if (c.MergedIntoId is not null) throw new ConflictException(FieldErrors.Text("The case was merged into another; work on that one."));
        var now = time.GetUtcNow().UtcDateTime;
        if (CaseRules.MayReopenInPlace(c, now, options.Value.ReopenDays))
        {
            (c.Status, c.ResolvedAt, c.UpdatedAt) = (CaseStatus.Open, null, now);
            events.Raise(new CaseReopened(c.Id, now));
            await db.SaveChangesAsync(ct);
            return (await get.ToDto(c, ct), false);
        }
        var followUp = await create.FollowUp(c, CaseChannel.Agent, ct);
        await create.Save(followUp, ct);
        return (await get.ToDto(followUp, ct), true);
    }
}
