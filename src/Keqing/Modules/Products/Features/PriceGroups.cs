using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>Price groups of customers (一级经销商, 医院 …) and who is in them; a customer is in one group at most.</summary>
public sealed class PriceGroups(KeqingDb db, ICustomerDirectory customers)
{
    public const int MaxMembers = 10_000;

    public async Task<IReadOnlyList<PriceGroupDto>> List(CancellationToken ct)
    {
        var counts = await db.Set<PriceGroupMember>().AsNoTracking().GroupBy(m => m.PriceGroupId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var groups = await db.Set<PriceGroup>().AsNoTracking().ToListAsync(ct);
        return groups.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new PriceGroupDto(g.Id, g.Name, counts.GetValueOrDefault(g.Id))).ToList();
    }

    public async Task<PriceGroupDto> Create(PriceGroupInput input, CancellationToken ct)
    {
        await Check(input, null, ct);
        var group = new PriceGroup { Name = input.Name!.Trim() };
        db.Add(group);
        await db.SaveChangesAsync(ct);
        return new PriceGroupDto(group.Id, group.Name, 0);
    }

    public async Task<PriceGroupDto> Update(Guid id, PriceGroupInput input, CancellationToken ct)
    {
        var group = await db.Set<PriceGroup>().FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("price group");
        await Check(input, id, ct);
        group.Name = input.Name!.Trim();
        await db.SaveChangesAsync(ct);
        return new PriceGroupDto(group.Id, group.Name, await db.Set<PriceGroupMember>().CountAsync(m => m.PriceGroupId == id, ct));
    }

    /// <summary>Deletes a group no price list is for; its customers are then in no group.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var group = await db.Set<PriceGroup>().FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException("price group");
        if (await db.Set<PriceList>().AnyAsync(l => l.PriceGroupId == id, ct))
            throw new ValidationFailedException("priceGroup", FieldErrors.Text("Price lists are for this group; delete them or give them another group first."));
        db.Remove(group);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<PriceGroupMemberDto>> Members(Guid id, CancellationToken ct)
    {
        if (!await db.Set<PriceGroup>().AnyAsync(g => g.Id == id, ct)) throw new NotFoundException("price group");
        var ids = await db.Set<PriceGroupMember>().AsNoTracking().Where(m => m.PriceGroupId == id).Select(m => m.CustomerId).ToListAsync(ct);
        var found = await customers.Find(ids, ct);
        return ids.Where(found.ContainsKey).Select(c => new PriceGroupMemberDto(c, found[c].Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Makes these customers the group's members: those left out leave it, those in another group move here.</summary>
    public async Task<IReadOnlyList<PriceGroupMemberDto>> SetMembers(Guid id, PriceGroupMembersInput input, CancellationToken ct)
    {
        if (!await db.Set<PriceGroup>().AnyAsync(g => g.Id == id, ct)) throw new NotFoundException("price group");
        var wanted = (input.CustomerIds ?? []).Distinct().ToList();
        if (input.CustomerIds is null) throw new ValidationFailedException("customerIds", FieldErrors.Text("Required."));
        if (wanted.Count > MaxMembers) throw new ValidationFailedException("customerIds", FieldErrors.Text("At most {0} customers.", MaxMembers));
        var found = await customers.Find(wanted, ct);
        var errors = new FieldErrors();
        for (var i = 0; i < input.CustomerIds.Count; i++)
            if (!found.ContainsKey(input.CustomerIds[i])) errors.Add($"customerIds[{i}]", FieldErrors.Text("No such customer."));
        errors.ThrowIfAny();

        var current = await db.Set<PriceGroupMember>().Where(m => m.PriceGroupId == id || wanted.Contains(m.CustomerId)).ToListAsync(ct);
        // A customer in another group leaves it first (the customer is the members table's key).
        foreach (var member in current.Where(m => m.PriceGroupId != id || !wanted.Contains(m.CustomerId))) db.Remove(member);
        await db.SaveChangesAsync(ct);
        var kept = current.Where(m => m.PriceGroupId == id && wanted.Contains(m.CustomerId)).Select(m => m.CustomerId).ToHashSet();
        foreach (var customerId in wanted.Where(c => !kept.Contains(c)))
            db.Add(new PriceGroupMember { CustomerId = customerId, PriceGroupId = id });
        await db.SaveChangesAsync(ct);
        return await Members(id, ct);
    }

    /// <summary>The customer's group (null: none).</summary>
    public async Task<(Guid Id, string Name)?> GroupOf(Guid customerId, CancellationToken ct)
    {
        var row = await (from m in db.Set<PriceGroupMember>().AsNoTracking()
                         join g in db.Set<PriceGroup>().AsNoTracking() on m.PriceGroupId equals g.Id
                         where m.CustomerId == customerId
                         select new { g.Id, g.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.Name);
    }

    /// <summary>Customers the caller may see whose name contains the text (the members picker), by name, at most 20.</summary>
    public async Task<IReadOnlyList<PriceGroupMemberDto>> SearchCustomers(string? text, CancellationToken ct)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term)) return [];
        return await (await customers.Visible(ct)).Where(c => c.Name.Contains(term)).OrderBy(c => c.Name).Take(20)
            .Select(c => new PriceGroupMemberDto(c.Id, c.Name)).ToListAsync(ct);
    }

    private async Task Check(PriceGroupInput input, Guid? id, CancellationToken ct)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 100);
        if (!errors.Any && await db.Set<PriceGroup>().AnyAsync(g => g.Name == input.Name!.Trim() && g.Id != id, ct))
            errors.Add("name", FieldErrors.Text("Another price group has this name."));
        errors.ThrowIfAny();
    }
}
