using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>
/// Price lists as documents: the list's fields and all its tiers are written together (a PUT replaces the tiers), checked
/// all at once (scope fields consistent, one tier per product and first quantity, quantities from 1, prices zero or more
/// in the list's currency).
/// </summary>
public sealed class PriceLists(KeqingDb db, ICustomerDirectory customers, TimeProvider time)
{
    public const int MaxItems = 20_000;

    public async Task<IReadOnlyList<PriceListSummaryDto>> List(PriceListScope? scope, bool? active, CancellationToken ct)
    {
        var query = db.Set<PriceList>().AsNoTracking();
        if (scope is { } s) query = query.Where(l => l.Scope == s);
        if (active is { } a) query = query.Where(l => l.Active == a);
        var lists = await query.ToListAsync(ct);
        var ids = lists.Select(l => l.Id).ToList();
        var counts = await db.Set<PriceListItem>().AsNoTracking().Where(i => ids.Contains(i.PriceListId)).GroupBy(i => i.PriceListId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var groups = await db.Set<PriceGroup>().AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var names = await customers.Find(lists.Where(l => l.CustomerId != null).Select(l => l.CustomerId!.Value).Distinct().ToList(), ct);
        return lists.OrderBy(l => l.Scope).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.ValidFrom)
            .Select(l => new PriceListSummaryDto(l.Id, l.Name, l.Scope, l.PriceGroupId, l.PriceGroupId is { } g ? groups.GetValueOrDefault(g) : null,
                l.CustomerId, l.CustomerId is { } c ? names.GetValueOrDefault(c)?.Name : null, l.Currency, l.ValidFrom, l.ValidTo, l.Active,
                counts.GetValueOrDefault(l.Id)))
            .ToList();
    }

    public async Task<PriceListDto> Get(Guid id, CancellationToken ct)
    {
        var list = await db.Set<PriceList>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("price list");
        return await ToDto(list, ct);
    }

    public async Task<PriceListDto> Create(PriceListInput input, CancellationToken ct)
    {
        await Check(input, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var list = new PriceList { CreatedAt = now, UpdatedAt = now };
        Apply(list, input);
        db.Add(list);
        AddItems(list.Id, input.Items!);
        await db.SaveChangesAsync(ct);
        return await ToDto(list, ct);
    }

    public async Task<PriceListDto> Update(Guid id, long expectedVersion, PriceListInput input, CancellationToken ct)
    {
        var list = await db.Set<PriceList>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("price list");
        await Check(input, ct);
        Preconditions.ExpectVersion(db, list, expectedVersion);
        Apply(list, input);
        // The items are part of the document: a change to them alone is a new version of the list too.
        list.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<PriceListItem>().Where(i => i.PriceListId == id).ExecuteDeleteAsync(ct);
        AddItems(id, input.Items!);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await ToDto(list, ct);
    }

    /// <summary>Takes the list out of use (inactive): it no longer prices anything, and the quotes that cite it keep its name.</summary>
    public async Task Deactivate(Guid id, CancellationToken ct)
    {
        var list = await db.Set<PriceList>().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException("price list");
        if (!list.Active) return;
        list.Active = false;
        list.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private void AddItems(Guid listId, List<PriceListItemInput> items)
    {
        foreach (var item in items)
            db.Add(new PriceListItem { PriceListId = listId, ProductId = item.ProductId!.Value, MinQuantity = item.MinQuantity!.Value, UnitPrice = item.UnitPrice!.Value });
    }

    private static void Apply(PriceList list, PriceListInput input)
    {
        list.Name = input.Name!.Trim();
        list.Scope = input.Scope!.Value;
        list.PriceGroupId = input.Scope == PriceListScope.Group ? input.PriceGroupId : null;
        list.CustomerId = input.Scope == PriceListScope.Customer ? input.CustomerId : null;
        list.Currency = input.Currency!;
        list.ValidFrom = input.ValidFrom;
        list.ValidTo = input.ValidTo;
        list.Active = input.Active;
    }

    private async Task Check(PriceListInput input, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 200);
        switch (input.Scope)
        {
            case null:
                errors.Add("scope", FieldErrors.Text("Required."));
                break;
            case PriceListScope.Standard:
                if (input.PriceGroupId is not null) errors.Add("priceGroupId", FieldErrors.Text("A standard list is for everyone: leave the price group empty."));
                if (input.CustomerId is not null) errors.Add("customerId", FieldErrors.Text("A standard list is for everyone: leave the customer empty."));
                break;
            case PriceListScope.Group:
                if (input.PriceGroupId is not { } groupId) errors.Add("priceGroupId", FieldErrors.Text("A group's list names its price group."));
                else if (!await db.Set<PriceGroup>().AnyAsync(g => g.Id == groupId, ct)) errors.Add("priceGroupId", FieldErrors.Text("No such price group."));
                if (input.CustomerId is not null) errors.Add("customerId", FieldErrors.Text("A group's list is for the whole group: leave the customer empty."));
                break;
            case PriceListScope.Customer:
                if (input.CustomerId is not { } customerId) errors.Add("customerId", FieldErrors.Text("A customer's list names its customer."));
                else if (!(await customers.Find([customerId], ct)).ContainsKey(customerId)) errors.Add("customerId", FieldErrors.Text("No such customer."));
                if (input.PriceGroupId is not null) errors.Add("priceGroupId", FieldErrors.Text("A customer's list is for one customer: leave the price group empty."));
                break;
            default:
                errors.Add("scope", FieldErrors.Text("scope is standard, group or customer."));
                break;
        }
        var currencyKnown = Currencies.IsKnown(input.Currency);
        if (string.IsNullOrWhiteSpace(input.Currency)) errors.Add("currency", FieldErrors.Text("Required."));
        else if (!currencyKnown) errors.Add("currency", FieldErrors.Text("Not a currency code Keqing knows (such as CNY)."));
        if (input.ValidFrom is { } from && input.ValidTo is { } to && to < from)
            errors.Add("validTo", FieldErrors.Text("The list ends before it starts."));

        if (input.Items is null) errors.Add("items", FieldErrors.Text("Required."));
        else if (input.Items.Count > MaxItems) errors.Add("items", FieldErrors.Text("At most {0} prices on one list.", MaxItems));
        else
        {
            var productIds = input.Items.Where(i => i?.ProductId is not null).Select(i => i.ProductId!.Value).Distinct().ToList();
            var known = (await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            var seen = new HashSet<(Guid, int)>();
            for (var i = 0; i < input.Items.Count; i++)
            {
                var item = input.Items[i];
                var at = $"items[{i}]";
                if (item is null)
                {
                    errors.Add(at, FieldErrors.Text("Must not be null."));
                    continue;
                }
                if (item.ProductId is not { } productId) errors.Add($"{at}.productId", FieldErrors.Text("Required."));
                else if (!known.Contains(productId)) errors.Add($"{at}.productId", FieldErrors.Text("No such product."));
                if (item.MinQuantity is not { } min) errors.Add($"{at}.minQuantity", FieldErrors.Text("Required."));
                else if (min < 1) errors.Add($"{at}.minQuantity", FieldErrors.Text("A tier starts at a quantity of 1 or more."));
                if (item.UnitPrice is not { } price) errors.Add($"{at}.unitPrice", FieldErrors.Text("Required."));
                else if (price.IsNegative) errors.Add($"{at}.unitPrice", FieldErrors.Text("A price is zero or more."));
                else if (currencyKnown && price.Currency != input.Currency)
                    errors.Add($"{at}.unitPrice", FieldErrors.Text("The list's prices are in {0}.", input.Currency!));
                if (item.ProductId is { } p && item.MinQuantity is { } m && !seen.Add((p, m)))
                    errors.Add($"{at}.minQuantity", FieldErrors.Text("This product already has a tier from this quantity on this list."));
            }
        }
        errors.ThrowIfAny();
    }

    private async Task<PriceListDto> ToDto(PriceList list, CancellationToken ct)
    {
        var items = await (from i in db.Set<PriceListItem>().AsNoTracking()
                           join p in db.Set<Product>().AsNoTracking() on i.ProductId equals p.Id
                           where i.PriceListId == list.Id
                           select new { i.ProductId, p.Sku, p.Name, p.Unit, i.MinQuantity, i.UnitPrice }).ToListAsync(ct);
        var groupName = list.PriceGroupId is { } g ? await db.Set<PriceGroup>().AsNoTracking().Where(x => x.Id == g).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var customerName = list.CustomerId is { } c ? (await customers.Find([c], ct)).GetValueOrDefault(c)?.Name : null;
        return new PriceListDto(list.Id, list.Name, list.Scope, list.PriceGroupId, groupName, list.CustomerId, customerName, list.Currency,
            list.ValidFrom, list.ValidTo, list.Active, list.Version,
            items.OrderBy(i => i.Sku, StringComparer.Ordinal).ThenBy(i => i.MinQuantity)
                .Select(i => new PriceListItemDto(i.ProductId, i.Sku, i.Name, i.Unit, i.MinQuantity, i.UnitPrice)).ToList());
    }
}
