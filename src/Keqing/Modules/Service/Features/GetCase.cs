using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Service.Features;

/// <summary>One case the caller may see, with its conversation (oldest first), attachments and linked cases.</summary>
public sealed class GetCase(KeqingDb db, CaseAccess access, ICustomerDirectory customers, IProductCatalog products, IUserDirectory users,
    IOptions<ServiceOptions> options, TimeProvider time)
{
    public async Task<CaseDto> Handle(Guid id, CancellationToken ct) => await ToDto(await access.Find(id, ct), ct);

    public async Task<CaseDto> ToDto(ServiceCase c, CancellationToken ct)
    {
        var messages = await db.Set<CaseMessage>().AsNoTracking().Where(m => m.CaseId == c.Id).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var attachments = (await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == c.Id && a.MessageId != null)
                .Select(a => new { a.MessageId, Dto = new CaseAttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, a.UploadedAt) }).ToListAsync(ct))
            .ToLookup(a => a.MessageId!.Value, a => a.Dto);
        var links = await db.Set<CaseLink>().AsNoTracking().Where(l => l.CaseId == c.Id || l.OtherCaseId == c.Id).ToListAsync(ct);
        var linkedIds = links.Select(l => l.CaseId == c.Id ? l.OtherCaseId : l.CaseId).Append(c.MergedIntoId ?? Guid.Empty).ToList();
        var linked = await db.Set<ServiceCase>().AsNoTracking().Where(x => linkedIds.Contains(x.Id))
            .Select(x => new { x.Id, x.Number, x.Subject, x.Status }).ToDictionaryAsync(x => x.Id, ct);
        var customer = (await customers.Find([c.CustomerId], ct)).GetValueOrDefault(c.CustomerId);
        var contact = c.ContactId is { } contactId ? (await customers.ContactsOf(c.CustomerId, ct)).FirstOrDefault(x => x.Id == contactId) : null;
        var product = c.ProductId is { } productId ? (await products.Get([productId], ct)).GetValueOrDefault(productId) : null;
        var category = c.CategoryId is { } categoryId ? await db.Set<CaseCategory>().AsNoTracking().Where(x => x.Id == categoryId).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var names = await users.Names(messages.Where(m => m.AuthorId != null).Select(m => m.AuthorId!.Value).Append(c.OwnerId).Distinct(), ct);
        return new CaseDto(c.Id, c.Number, c.Subject, c.Description, c.Type, c.Priority, c.CategoryId, category,
            c.CustomerId, customer?.Name ?? "", c.ContactId, contact?.Name, c.ProductId, product?.Name,
            c.OwnerId, names.GetValueOrDefault(c.OwnerId), c.TeamId, c.Channel, c.Status,
            c.CreatedAt, c.UpdatedAt, c.FirstResponseAt, c.ResolvedAt, c.ClosedAt,
            c.MergedIntoId, c.MergedIntoId is { } into && linked.TryGetValue(into, out var survivor) ? survivor.Number : null,
            CaseRules.MayReopenInPlace(c, time.GetUtcNow().UtcDateTime, options.Value.ReopenDays),
            messages.Select(m => new CaseMessageDto(m.Id, m.Kind, m.Body, m.AuthorId, m.AuthorId is { } a ? names.GetValueOrDefault(a) : null, m.At,
                attachments[m.Id].ToList())).ToList(),
            links.Select(l => (Other: l.CaseId == c.Id ? l.OtherCaseId : l.CaseId, l.Kind)).Where(x => linked.ContainsKey(x.Other))
                .Select(x => new LinkedCaseDto(x.Other, linked[x.Other].Number, linked[x.Other].Subject, linked[x.Other].Status, x.Kind)).ToList(),
            c.Version, c.Language);
    }
}
