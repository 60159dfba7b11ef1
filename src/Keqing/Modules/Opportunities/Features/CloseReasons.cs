using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>The admin lists of won and lost reasons; a reason taken off the list (inactive) stays on the deals that used it.</summary>
public sealed class CloseReasons(KeqingDb db)
{
    public async Task<IReadOnlyList<CloseReasonDto>> List(CloseReasonKind? kind, bool includeInactive, CancellationToken ct)
    {
        var query = db.Set<CloseReason>().AsNoTracking();
        if (kind is { } k) query = query.Where(r => r.Kind == k);
        if (!includeInactive) query = query.Where(r => r.Active);
        return (await query.ToListAsync(ct)).OrderBy(r => r.Kind).ThenBy(r => r.Order).ThenBy(r => r.Text, StringComparer.Ordinal).Select(ToDto).ToList();
    }

    public async Task<CloseReasonDto> Create(CloseReasonInput input, CancellationToken ct)
    {
        var errors = Check(input);
        if (input.Kind is { } kind && input.Text is { } text && await db.Set<CloseReason>().AnyAsync(r => r.Kind == kind && r.Text == text.Trim(), ct))
            errors.Add("text", FieldErrors.Text("This reason is listed already."));
        errors.ThrowIfAny();
        var reason = new CloseReason
        {
            Kind = input.Kind!.Value, Text = input.Text!.Trim(), Active = input.Active,
            Order = input.Order ?? (await db.Set<CloseReason>().Where(r => r.Kind == input.Kind).MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1,
        };
        db.Add(reason);
        await db.SaveChangesAsync(ct);
        return ToDto(reason);
    }

    public async Task<CloseReasonDto> Update(Guid id, CloseReasonInput input, CancellationToken ct)
    {
        var reason = await db.Set<CloseReason>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("reason");
        var errors = Check(input);
        if (input.Kind is { } kind && kind != reason.Kind) errors.Add("kind", FieldErrors.Text("A reason stays in its list."));
        if (input.Text is { } text && await db.Set<CloseReason>().AnyAsync(r => r.Id != id && r.Kind == reason.Kind && r.Text == text.Trim(), ct))
            errors.Add("text", FieldErrors.Text("This reason is listed already."));
        errors.ThrowIfAny();
        reason.Text = input.Text!.Trim();
        if (input.Order is { } order) reason.Order = order;
        reason.Active = input.Active;
        await db.SaveChangesAsync(ct);
        return ToDto(reason);
    }

    /// <summary>Takes a reason off its list (deals closed with it keep the text).</summary>
    public async Task Deactivate(Guid id, CancellationToken ct)
    {
        var reason = await db.Set<CloseReason>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("reason");
        reason.Active = false;
        await db.SaveChangesAsync(ct);
    }

    private static FieldErrors Check(CloseReasonInput input)
    {
        var errors = new FieldErrors().Required("text", input.Text).MaxLength("text", input.Text, 200);
        if (input.Kind is not (CloseReasonKind.Won or CloseReasonKind.Lost)) errors.Add("kind", FieldErrors.Text("kind is won or lost."));
        return errors;
    }

    private static CloseReasonDto ToDto(CloseReason r) => new(r.Id, r.Kind, r.Text, r.Order, r.Active);
}
