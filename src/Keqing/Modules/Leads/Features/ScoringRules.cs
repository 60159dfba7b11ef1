using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// The admin's lead scoring rules (list, read, create, change under If-Match, delete). A change re-scores the open leads
/// through <see cref="Jobs.LeadRescoreJob"/>, which sees the rule set's fingerprint change.
/// </summary>
public sealed class ScoringRules(KeqingDb db, TimeProvider clock)
{
    /// <summary>What a create or change sends.</summary>
    public sealed record Request(string? Name, ScoringRuleKind? Kind, string? Field, string? Operator, IReadOnlyList<string>? Values,
        LeadActivityKind? Activity, int? Points, int? DecayPercentPer30Days, bool Active = true);

    public const int MaxValues = 50;

    public async Task<IReadOnlyList<LeadScoringRuleDto>> List(CancellationToken ct) =>
        (await db.Set<LeadScoringRule>().AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct))
        .Select(ToDto).ToList();

    public async Task<LeadScoringRuleDto> Get(Guid id, CancellationToken ct) =>
        ToDto(await db.Set<LeadScoringRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("scoring rule"));

    public async Task<LeadScoringRuleDto> Create(Request r, CancellationToken ct)
    {
        Check(r).ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new LeadScoringRule { CreatedAt = now };
        Apply(rule, r, now);
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    public async Task<LeadScoringRuleDto> Update(Guid id, long expectedVersion, Request r, CancellationToken ct)
    {
        var rule = await db.Set<LeadScoringRule>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("scoring rule");
        Check(r).ThrowIfAny();
        Preconditions.ExpectVersion(db, rule, expectedVersion);
        Apply(rule, r, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ToDto(rule);
    }

    public async Task Delete(Guid id, long expectedVersion, CancellationToken ct)
    {
        var rule = await db.Set<LeadScoringRule>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("scoring rule");
        Preconditions.ExpectVersion(db, rule, expectedVersion);
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Every bad field of a rule, named (what the admin page shows beside each field too).</summary>
    public static FieldErrors Check(Request r)
    {
        var errors = new FieldErrors().Required("name", r.Name).MaxLength("name", r.Name, 200);
        var values = ValuesOf(r);
        if (r.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("kind", FieldErrors.Text("kind is profile or behaviour."));
            return errors;
        }
        if (kind == ScoringRuleKind.Profile)
        {
            if (r.Points is not { } p || p is < -100 or > 100 || p == 0)
                errors.Add("points", FieldErrors.Text("points is a whole number from -100 to 100, not 0."));
            if (r.Field is null || !ScoringFields.All.Contains(r.Field))
                errors.Add("field", FieldErrors.Text("field is one of industry, province, city, title, companySize, creditCode."));
            if (r.Operator is null || !ScoringFields.Operators.Contains(r.Operator))
                errors.Add("operator", FieldErrors.Text("operator is one of is, contains, present."));
            else if (r.Field == ScoringFields.CompanySize && r.Operator != ScoringFields.Is)
                errors.Add("operator", FieldErrors.Text("A company size rule uses is."));
            else if (r.Field == ScoringFields.CreditCode && r.Operator != ScoringFields.Present)
                errors.Add("operator", FieldErrors.Text("A credit code rule uses present."));
            if (r.Operator is ScoringFields.Is or ScoringFields.Contains && values.Count == 0)
                errors.Add("values", FieldErrors.Text("Give at least one value."));
            if (r.Operator == ScoringFields.Present && values.Count > 0)
                errors.Add("values", FieldErrors.Text("A present rule has no values."));
            if (values.Count > MaxValues || values.Any(v => v.Length > 100))
                errors.Add("values", FieldErrors.Text("At most {0} values of 100 characters.", MaxValues));
            if (r.Field == ScoringFields.CompanySize && values.Any(v => !IsCompanySize(v)))
                errors.Add("values", FieldErrors.Text("A company size is one of micro, small, medium, large, enterprise."));
            if (r.Activity is not null) errors.Add("activity", FieldErrors.Text("Only behaviour rules count an activity."));
            if (r.DecayPercentPer30Days is not null) errors.Add("decayPercentPer30Days", FieldErrors.Text("Only behaviour rules decay."));
        }
        else
        {
            if (r.Points is not { } p || p is < 1 or > 100)
                errors.Add("points", FieldErrors.Text("points of a behaviour rule is a whole number from 1 to 100."));
            if (r.Activity is not { } activity || !ScoringFields.Behaviours.Contains(activity))
                errors.Add("activity", FieldErrors.Text("activity is one of formSubmitted, eventAttended, replied, emailOpened, emailClicked."));
            if (r.DecayPercentPer30Days is < 1 or > 100)
                errors.Add("decayPercentPer30Days", FieldErrors.Text("decayPercentPer30Days is empty or a whole number from 1 to 100."));
            if (r.Field is not null) errors.Add("field", FieldErrors.Text("Only profile rules look at a field."));
            if (r.Operator is not null) errors.Add("operator", FieldErrors.Text("Only profile rules look at a field."));
            if (values.Count > 0) errors.Add("values", FieldErrors.Text("Only profile rules look at a field."));
        }
        return errors;
    }

    /// <summary>The rule as it would be saved, without saving it (the admin page's preview scores a sample with it).</summary>
    public static LeadScoringRule Draft(Request r, Guid? id = null)
    {
        var rule = new LeadScoringRule();
        if (id is { } given) rule.Id = given;
        Apply(rule, r, default);
        return rule;
    }

    private static void Apply(LeadScoringRule rule, Request r, DateTime now)
    {
        var profile = r.Kind == ScoringRuleKind.Profile;
        rule.Name = r.Name?.Trim() ?? "";
        rule.Kind = r.Kind ?? ScoringRuleKind.Profile;
        rule.Field = profile ? r.Field : null;
        rule.Operator = profile ? r.Operator : null;
        rule.Values = profile ? ValuesOf(r) : [];
        rule.Activity = profile ? null : r.Activity;
        rule.Points = r.Points ?? 0;
        rule.DecayPercentPer30Days = profile ? null : r.DecayPercentPer30Days;
        rule.Active = r.Active;
        rule.UpdatedAt = now;
    }

    private static List<string> ValuesOf(Request r) =>
        r.Values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private static bool IsCompanySize(string value) =>
        Enum.GetValues<CompanySize>().Any(s => s != CompanySize.Unknown && ScoringFields.NameOf(s) == value);

    public static LeadScoringRuleDto ToDto(LeadScoringRule r) =>
        new(r.Id, r.Name, r.Kind, r.Field, r.Operator, r.Values, r.Activity, r.Points, r.DecayPercentPer30Days, r.Active, r.Version);
}
