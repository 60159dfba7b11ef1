using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The customer portal's cases (<see cref="IPortalCases"/>): only cases in the contact's scope, only the public
/// conversation (internal notes and their files never leave this class), replies through the same rules as a mailed
/// reply (<see cref="CaseConversation.CustomerReply"/>).
/// </summary>
public sealed class PortalCases(KeqingDb db, CreateCase create, IntakeRouting intake, CaseConversation conversation, CaseAttachments attachments,
    ICustomerDirectory customers, IUserDirectory users, IProductCatalog products, TimeProvider time) : IPortalCases
{
    public const int MaxFiles = 5;

    public async Task<IReadOnlyList<PortalCaseSummary>> List(PortalCaseScope scope, int limit, CancellationToken ct) =>
        await InScope(scope).OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id).Take(Math.Clamp(limit, 1, 200))
            .Select(c => new PortalCaseSummary(c.Id, c.Number, c.Subject, c.Type, c.Status, c.CreatedAt, c.UpdatedAt)).ToListAsync(ct);

    public async Task<PortalCaseDto?> Find(PortalCaseScope scope, Guid caseId, CancellationToken ct)
    {
        var c = await InScope(scope).FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return null;
        var messages = await db.Set<CaseMessage>().AsNoTracking().Where(m => m.CaseId == c.Id && m.Kind != CaseMessageKind.Note)
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var ids = messages.Select(m => m.Id).ToList();
        var sent = await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.MessageId != null && ids.Contains(a.MessageId.Value))
            .Select(a => new { a.Id, a.MessageId, a.FileName, a.ContentType, a.Size, a.UploadedAt }).ToListAsync(ct);
        var names = await users.Names(messages.Where(m => m.AuthorId != null).Select(m => m.AuthorId!.Value).Distinct(), ct);
        return new PortalCaseDto(c.Id, c.Number, c.Subject, c.Description, c.Type, c.Status, c.CreatedAt, c.UpdatedAt,
            messages.Select(m => new PortalMessageDto(m.Id, m.Kind == CaseMessageKind.Customer, m.Body,
                m.AuthorId is { } author ? names.GetValueOrDefault(author) : null, m.At,
                sent.Where(a => a.MessageId == m.Id).OrderBy(a => a.UploadedAt)
                    .Select(a => new CaseAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt)).ToList())).ToList());
    }

    public async Task<PortalFile?> File(PortalCaseScope scope, Guid attachmentId, CancellationToken ct)
    {
        var file = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.MessageId != null, ct);
        if (file is null) return null;
        var isPublic = await db.Set<CaseMessage>().AnyAsync(m => m.Id == file.MessageId && m.Kind != CaseMessageKind.Note, ct);
        if (!isPublic || !await InScope(scope).AnyAsync(c => c.Id == file.CaseId, ct)) return null;
        return new PortalFile(file.FileName, file.ContentType, file.Content);
    }

    public async Task<Guid> Open(Guid customerId, Guid contactId, string? subject, string? description, CaseType? type, Guid? productId,
        IReadOnlyList<CaseFile> files, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("subject", subject).MaxLength("subject", subject, 200).MaxLength("description", description, 10_000);
        if (type is { } t && !Enum.IsDefined(t)) errors.Add("type", FieldErrors.Text("type is one of question, complaint, repair, request."));
        if (files.Count > MaxFiles) errors.Add("files", FieldErrors.Text("At most {0} files per message.", MaxFiles));
        if (productId is { } p && !((await products.Get([p], ct)).TryGetValue(p, out var product) && product.Active))
            errors.Add("productId", FieldErrors.Text("No such product."));
        errors.ThrowIfAny();
        var customer = (await customers.Find([customerId], ct)).GetValueOrDefault(customerId) ?? throw new NotFoundException("customer");
        var owner = await users.Find(customer.OwnerId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var c = new ServiceCase
        {
            Subject = subject!.Trim(), Description = CreateCase.Trimmed(description), Type = type ?? CaseType.Question, Priority = CasePriority.Normal,
            CustomerId = customerId, ContactId = contactId, ProductId = productId, OwnerId = customer.OwnerId, TeamId = owner?.TeamId, Channel = CaseChannel.Portal,
            // The language the contact reads the portal in (its switch at the foot): they are answered in it.
            Language = System.Globalization.CultureInfo.CurrentUICulture.Name is { Length: > 0 } language ? language : null,
            Status = CaseStatus.New, CreatedAt = now, UpdatedAt = now,
        };
        await intake.Route(c, ct);
        db.Add(c);
        if (files.Count > 0)
        {
            var message = new CaseMessage { CaseId = c.Id, Kind = CaseMessageKind.Customer, Body = c.Description ?? c.Subject, At = now };
            db.Add(message);
            foreach (var f in files) attachments.Store(c.Id, f.FileName, f.Content, null, now).MessageId = message.Id;
        }
        await create.Save(c, ct);
        return c.Id;
    }

    public async Task<Guid?> Reply(PortalCaseScope scope, Guid caseId, string? body, IReadOnlyList<CaseFile> files, CancellationToken ct)
    {
        if (!await InScope(scope).AnyAsync(c => c.Id == caseId, ct)) return null;
        if (files.Count > MaxFiles) throw new ValidationFailedException("files", FieldErrors.Text("At most {0} files per message.", MaxFiles));
        return await conversation.CustomerReply(caseId, body ?? "", files, ct);
    }

    private IQueryable<ServiceCase> InScope(PortalCaseScope scope) =>
        db.Set<ServiceCase>().AsNoTracking().Where(c => c.CustomerId == scope.CustomerId && (scope.ContactId == null || c.ContactId == scope.ContactId));
}
