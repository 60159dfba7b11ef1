using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.ReturnVisits.Contracts;
using Keqing.Modules.ReturnVisits.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.ReturnVisits.Features;

/// <summary>
/// The scheduling rules, one per customer grade and one for customers without a grade: days after an order, days
/// after a closed case (null = off, the default), and the channel.
/// </summary>
public sealed class ReturnVisitRuleSettings(KeqingDb db)
{
    private static readonly CustomerGrade?[] Grades = [CustomerGrade.A, CustomerGrade.B, CustomerGrade.C, CustomerGrade.D, null];

    public async Task<IReadOnlyList<RuleDto>> Get(CancellationToken ct)
    {
        var rows = await db.Set<ReturnVisitRule>().AsNoTracking().ToListAsync(ct);
        return Grades.Select(g => rows.FirstOrDefault(r => r.Grade == g) is { } r
            ? new RuleDto(g, r.DaysAfterOrder, r.DaysAfterCase, r.Channel)
            : new RuleDto(g, null, null, ReturnVisitChannel.Phone)).ToList();
    }

    /// <summary>Replaces the rules of the grades sent (the others keep theirs).</summary>
    public async Task<IReadOnlyList<RuleDto>> Put(IReadOnlyList<RuleDto>? rules, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var list = rules ?? [];
        if (list.Count == 0) errors.Add("rules", FieldErrors.Text("Required."));
        for (var i = 0; i < list.Count; i++)
        {
            var r = list[i];
            if (r is null) { errors.Add($"[{i}]", FieldErrors.Text("Required.")); continue; }
            if (r.Grade is { } g && !Enum.IsDefined(g)) errors.Add($"[{i}].grade", FieldErrors.Text("A grade is A, B, C or D."));
            if (r.DaysAfterOrder is < 0 or > ReturnVisitRules.MaxDays)
                errors.Add($"[{i}].daysAfterOrder", FieldErrors.Text("From 0 to {0} days, or empty for off.", ReturnVisitRules.MaxDays));
            if (r.DaysAfterCase is < 0 or > ReturnVisitRules.MaxDays)
                errors.Add($"[{i}].daysAfterCase", FieldErrors.Text("From 0 to {0} days, or empty for off.", ReturnVisitRules.MaxDays));
            if (!Enum.IsDefined(r.Channel)) errors.Add($"[{i}].channel", FieldErrors.Text("phone or inPerson."));
            if (list.Take(i).Any(o => o?.Grade == r.Grade)) errors.Add($"[{i}].grade", FieldErrors.Text("Each grade once."));
        }
        errors.ThrowIfAny();
        var stored = await db.Set<ReturnVisitRule>().ToListAsync(ct);
        foreach (var r in list)
        {
            var row = stored.FirstOrDefault(s => s.Grade == r.Grade);
            if (row is null) db.Add(row = new ReturnVisitRule { Grade = r.Grade });
            (row.DaysAfterOrder, row.DaysAfterCase, row.Channel) = (r.DaysAfterOrder, r.DaysAfterCase, r.Channel);
        }
        await db.SaveChangesAsync(ct);
        return await Get(ct);
    }
}
