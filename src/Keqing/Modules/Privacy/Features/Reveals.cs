using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;

namespace Keqing.Modules.Privacy.Features;

/// <summary>
/// "Reveal" (DOMAIN P1): a user whose role has the reveal level for a category sees it on one record for
/// <see cref="Duration"/> after giving a reason; the reveal and its reason go to the access log. The record is a
/// customer or a contact (<c>subjectType</c>), or a record of any module that says whose data it is (<c>entity</c>).
/// </summary>
public sealed class Reveals(KeqingDb db, IDataSubjects subjects, ModuleCatalog catalog, IPrivacyGrants grants, CurrentUser currentUser, TimeProvider clock) : IReveals
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public async Task<RevealDto> Create(RevealRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var record = request.Entity is { } entity ? catalog.FindRecordType(entity.Trim()) : null;
        if (request.Entity is not null && record is null) errors.Add("entity", FieldErrors.Text("'{0}' is not a record type.", request.Entity));
        else if (request.Entity is null && (request.SubjectType is not { } type || !Enum.IsDefined(type)))
            errors.Add("subjectType", FieldErrors.Text("subjectType is customer or contact."));
        if (request.Id is null) errors.Add("id", FieldErrors.Text("Required."));
        if (request.Category is not { } category || category == Sensitivity.None || !Enum.IsDefined(category))
            errors.Add("category", FieldErrors.Text("category is contact, health, finance, family or private."));
        errors.Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        if (request.Reason is { } reason && reason.Trim().Length is > 0 and < 5) errors.Add("reason", FieldErrors.Text("Say why, in at least {0} characters.", 5));
        errors.ThrowIfAny();

        var id = request.Id!.Value;
        // A customer or contact (by subjectType or by its key) is its own subject; another record is visible when its subject is.
        SubjectType? subjectType = record is not { } r ? request.SubjectType
            : r.Key == DataSubject.RecordTypeOf(SubjectType.Customer) ? SubjectType.Customer
            : r.Key == DataSubject.RecordTypeOf(SubjectType.Contact) ? SubjectType.Contact : null;
        var subject = subjectType is { } own ? new DataSubject(own, id) : await SubjectRecords.SubjectOf(db, record!.Value.Type, id, ct);
        var recordType = record?.Key ?? subject!.RecordType;
        if (subject is null || await subjects.FindVisible(subject, ct) is null) throw new NotFoundException("record");
        if (!(await grants.For([], ct)).MayReveal(request.Category!.Value))
            throw new ForbiddenException(FieldErrors.Text("Your role may not reveal this category."));

        var now = clock.GetUtcNow().UtcDateTime;
        var reveal = new Reveal
        {
            UserId = currentUser.UserId, RecordType = recordType, SubjectId = id, Category = request.Category.Value,
            Reason = request.Reason!.Trim(), At = now, ExpiresAt = now + Duration,
        };
        db.Add(reveal);
        db.Add(new AuditEntry
        {
            EntityType = recordType, EntityId = id, Action = AuditAction.Revealed, UserId = reveal.UserId, At = now,
            Changes = JsonSerializer.Serialize(new[]
            {
                new AuditFieldChange("category", null, JsonNamingPolicy.CamelCase.ConvertName(reveal.Category.ToString())),
                new AuditFieldChange("reason", null, reveal.Reason),
            }, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        return new RevealDto(reveal.Id, subjectType, recordType, reveal.SubjectId, reveal.Category, reveal.ExpiresAt);
    }
}
