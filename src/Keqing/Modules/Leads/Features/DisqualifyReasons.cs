using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The admin's list of reasons for disqualifying a lead (stored on the lead as text, so a later change of the list
/// leaves old leads as they were). A few common reasons are there from the first use.
/// </summary>
public sealed class DisqualifyReasons(KeqingDb db)
{
    /// <summary>The reasons a fresh install starts with.</summary>
    public static readonly IReadOnlyList<string> Defaults = ["无预算", "无采购需求", "联系不上", "已选竞争对手", "非目标客户", "重复线索"];

    /// <summary>The reasons, in order; <paramref name="activeOnly"/> for the picker.</summary>
    public async Task<IReadOnlyList<DisqualifyReasonDto>> List(bool activeOnly, CancellationToken ct)
    {
        await EnsureDefaults(ct);
        var rows = db.Set<DisqualifyReason>().AsNoTracking();
        if (activeOnly) rows = rows.Where(r => r.Active);
        return (await rows.OrderBy(r => r.Order).ThenBy(r => r.Text).ToListAsync(ct)).Select(ToDto).ToList();
    }

    /// <summary>The active reason with this text, or null.</summary>
    public async Task<DisqualifyReason?> Find(string text, CancellationToken ct)
    {
        await EnsureDefaults(ct);
        return await db.Set<DisqualifyReason>().AsNoTracking().FirstOrDefaultAsync(r => r.Active && r.Text == text, ct);
    }

    public async Task<DisqualifyReasonDto> Create(DisqualifyReasonInput input, CancellationToken ct)
    {
        await EnsureDefaults(ct);
        var text = await Check(input, null, ct);
        var order = input.Order ?? (await db.Set<DisqualifyReason>().MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1;
        var reason = new DisqualifyReason { Text = text, Order = order, Active = input.Active ?? true };
        db.Add(reason);
        await db.SaveChangesAsync(ct);
        return ToDto(reason);
    }

    public async Task<DisqualifyReasonDto> Update(Guid id, DisqualifyReasonInput input, CancellationToken ct)
    {
        var reason = await db.Set<DisqualifyReason>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("reason");
        reason.Text = await Check(input, id, ct);
        if (input.Order is { } order) reason.Order = order;
        if (input.Active is { } active) reason.Active = active;
        await db.SaveChangesAsync(ct);
        return ToDto(reason);
    }

    /// <summary>Takes a reason off the list (leads disqualified with it keep their text).</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var reason = await db.Set<DisqualifyReason>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("reason");
        db.Remove(reason);
        await db.SaveChangesAsync(ct);
    }

    private async Task<string> Check(DisqualifyReasonInput input, Guid? id, CancellationToken ct)
    {
        var text = input.Text?.Trim();
        var errors = new FieldErrors().Required("text", text).MaxLength("text", text, 200);
        if (input.Order is < 0 or > 10_000) errors.Add("order", FieldErrors.Text("order is between 0 and 10000."));
        errors.ThrowIfAny();
        if (await db.Set<DisqualifyReason>().AnyAsync(r => r.Text == text && r.Id != id, ct))
            throw new ValidationFailedException("text", FieldErrors.Text("This reason is on the list already."));
        return text!;
    }

    /// <summary>Adds the default reasons when the list is empty (first use, or an admin removed them all).</summary>
    private async Task EnsureDefaults(CancellationToken ct)
    {
        if (await db.Set<DisqualifyReason>().AnyAsync(ct)) return;
        for (var i = 0; i < Defaults.Count; i++) db.Add(new DisqualifyReason { Text = Defaults[i], Order = i + 1 });
        await db.SaveChangesAsync(ct);
    }

    private static DisqualifyReasonDto ToDto(DisqualifyReason r) => new(r.Id, r.Text, r.Order, r.Active);
}
