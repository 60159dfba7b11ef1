using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Privacy.Domain;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// "Reveal" (DOMAIN P1): a user whose role has the reveal level for a category sees it on one record for
/// <see cref="Duration"/> after giving a reason; the reveal and its reason go to the access log.
/// </summary>
public sealed class Reveals(KeqingDb db, CustomerDirectory customers, PrivacyGrants grants, CurrentUser currentUser, TimeProvider clock)
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public async Task<RevealDto> Create(RevealRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.SubjectType is not { } type || !Enum.IsDefined(type)) errors.Add("subjectType", FieldErrors.Text("subjectType is customer or contact."));
        if (request.Id is null) errors.Add("id", FieldErrors.Text("Required."));
        if (request.Category is not { } category || category == Sensitivity.None || !Enum.IsDefined(category))
            errors.Add("category", FieldErrors.Text("category is contact, health, finance, family or private."));
        errors.Required("reason", request.Reason).MaxLength("reason", request.Reason, 500);
        if (request.Reason is { } reason && reason.Trim().Length is > 0 and < 5) errors.Add("reason", FieldErrors.Text("Say why, in at least {0} characters.", 5));
        errors.ThrowIfAny();

        var subject = new DataSubject(request.SubjectType!.Value, request.Id!.Value);
        var visible = subject.Type == SubjectType.Customer
            ? await customers.FindVisible(subject.Id, ct) is not null
            : await customers.FindVisibleContact(subject.Id, ct) is not null;
        if (!visible) throw new NotFoundException(subject.Type == SubjectType.Customer ? "customer" : "contact");
        if (!(await grants.For([], ct)).MayReveal(request.Category!.Value))
            throw new ForbiddenException(FieldErrors.Text("Your role may not reveal this category."));

        var now = clock.GetUtcNow().UtcDateTime;
        var reveal = new Reveal
        {
            UserId = currentUser.UserId, SubjectType = subject.Type, SubjectId = subject.Id, Category = request.Category.Value,
            Reason = request.Reason!.Trim(), At = now, ExpiresAt = now + Duration,
        };
        db.Add(reveal);
        db.Add(new AuditEntry
        {
            EntityType = subject.Type.ToString(), EntityId = subject.Id, Action = AuditAction.Revealed, UserId = reveal.UserId, At = now,
            Changes = JsonSerializer.Serialize(new[]
            {
                new AuditFieldChange("category", null, JsonNamingPolicy.CamelCase.ConvertName(reveal.Category.ToString())),
                new AuditFieldChange("reason", null, reveal.Reason),
            }, JsonSerializerOptions.Web),
        });
        await db.SaveChangesAsync(ct);
        return new RevealDto(reveal.Id, reveal.SubjectType, reveal.SubjectId, reveal.Category, reveal.ExpiresAt);
    }
}
