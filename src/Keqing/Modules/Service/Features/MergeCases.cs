using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Links two cases, and merges a duplicate into another case of the same customer: its conversation and files move to
/// the survivor (with a note saying so), and so do its field dispatches (the technician then works the survivor); it closes pointing at the survivor, and the two stay linked as duplicates. Both
/// must be cases the caller may work; each change is audited (messages and the case are audited records).
/// </summary>
public sealed class MergeCases(KeqingDb db, CaseAccess access, GetCase get, CurrentUser user, DomainEvents events, IFieldDispatch dispatches,
    TimeProvider time)
{
    public async Task<CaseDto> Merge(Guid duplicateId, MergeCaseRequest r, CancellationToken ct)
    {
        var duplicate = await access.Writable(duplicateId, ct);
        var survivor = await Other(duplicate, r.IntoId, "intoId", ct);
        if (duplicate.MergedIntoId is not null) throw new ConflictException(FieldErrors.Text("The case was merged into another; work on that one."));
        if (survivor.Status == CaseStatus.Closed) throw new ConflictException(FieldErrors.Text("A case cannot be merged into a closed one."));
        if (survivor.CustomerId != duplicate.CustomerId)
            throw new ValidationFailedException("intoId", FieldErrors.Text("Only cases of the same customer can be merged."));

        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var m in await db.Set<CaseMessage>().Where(m => m.CaseId == duplicate.Id).ToListAsync(ct)) m.CaseId = survivor.Id;
            await db.Set<CaseAttachment>().Where(a => a.CaseId == duplicate.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CaseId, survivor.Id), ct);
            await dispatches.Move(CaseSla.RecordType, duplicate.Id, survivor.Id, survivor.Number, $"/cases/{survivor.Id}", ct);
            db.Add(new CaseMessage
            {
                CaseId = survivor.Id, Kind = CaseMessageKind.Note, AuthorId = user.UserId, At = now,
                Body = FieldErrors.Text("Case {0} was merged into this case: {1}", duplicate.Number, duplicate.Subject),
            });
            var link = await db.Set<CaseLink>().FirstOrDefaultAsync(l => (l.CaseId == duplicate.Id && l.OtherCaseId == survivor.Id)
                || (l.CaseId == survivor.Id && l.OtherCaseId == duplicate.Id), ct);
            if (link is null) db.Add(new CaseLink { CaseId = duplicate.Id, OtherCaseId = survivor.Id, Kind = CaseLinkKind.Duplicate, CreatedBy = user.UserId, CreatedAt = now });
            else link.Kind = CaseLinkKind.Duplicate;
            (duplicate.Status, duplicate.ClosedAt, duplicate.MergedIntoId, duplicate.UpdatedAt) = (CaseStatus.Closed, now, survivor.Id, now);
            survivor.UpdatedAt = now;
            survivor.FirstResponseAt = Earliest(survivor.FirstResponseAt, duplicate.FirstResponseAt);
            events.Raise(new CaseClosed(duplicate.Id, survivor.Id, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        return await get.ToDto(survivor, ct);
    }

    public async Task<CaseDto> Link(Guid id, LinkCaseRequest r, CancellationToken ct)
    {
        var c = await access.Writable(id, ct);
        var other = await Other(c, r.OtherId, "otherId", ct);
        if (!await db.Set<CaseLink>().AnyAsync(l => (l.CaseId == c.Id && l.OtherCaseId == other.Id) || (l.CaseId == other.Id && l.OtherCaseId == c.Id), ct))
        {
            db.Add(new CaseLink { CaseId = c.Id, OtherCaseId = other.Id, Kind = CaseLinkKind.Related, CreatedBy = user.UserId, CreatedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
        return await get.ToDto(c, ct);
    }

    /// <summary>The other case of a link or merge: given, not the same, one the caller may work (a field error otherwise).</summary>
    private async Task<ServiceCase> Other(ServiceCase c, Guid? otherId, string field, CancellationToken ct)
    {
        if (otherId is not { } id) throw new ValidationFailedException(field, FieldErrors.Text("Required."));
        if (id == c.Id) throw new ValidationFailedException(field, FieldErrors.Text("Choose another case."));
        try
        {
            return await access.Writable(id, ct);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            throw new ValidationFailedException(field, FieldErrors.Text("No case you may work has this id."));
        }
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
