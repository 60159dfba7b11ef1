using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Makes a new lead, whoever asks (a rep, a web form, an import): validated, its phones and emails indexed, its owner
/// the one given (an import's owner column), else by the assignment rules, else <c>fallbackOwnerId</c>; its response
/// clock started, scored.
/// Added to the unit of work; the caller saves.
/// </summary>
public sealed class CreateLead(KeqingDb db, LeadAssignment assignment, ResponseClock clock, LeadScoring scoring,
    IUserDirectory users, TimeProvider time)
{
    public async Task<Lead> Add(LeadInput input, Guid fallbackOwnerId, Guid? actingUserId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        foreach (var (field, message) in Problems(input)) errors.Add(field, message);
        errors.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var lead = new Lead
        {
            Name = input.Name?.Trim() ?? "",
            Company = Blank(input.Company),
            Title = Blank(input.Title),
            Phones = (input.Phones ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList(),
            Emails = (input.Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Province = Blank(input.Province),
            City = Blank(input.City),
            Industry = Blank(input.Industry),
            CompanySize = input.CompanySize,
            CreditCode = Blank(input.CreditCode),
            Source = input.Source,
            SourceDetail = Blank(input.SourceDetail),
            LegalBasis = input.LegalBasis,
            Notes = Blank(input.Notes),
            Status = LeadStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
        };
        lead.SearchText = SearchTextOf(lead);
        lead.OwnerId = input.OwnerId ?? await assignment.OwnerFor(lead, ct) ?? fallbackOwnerId;
        lead.TeamId = (await users.Find(lead.OwnerId, ct))?.TeamId;
        await clock.Start(lead, now, ct);
        await scoring.Rescore(lead, ct);
        db.Add(lead);
        db.AddRange(LookupsOf(lead));
        db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.Created, OccurredAt = now, UserId = actingUserId });
        return lead;
    }

    /// <summary>Every reason <paramref name="input"/> cannot become a lead (field, message); an import checks its rows by these.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(LeadInput input)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(input.Name) && string.IsNullOrWhiteSpace(input.Company))
            problems.Add(("name", FieldErrors.Text("Give a name or a company.")));
        foreach (var (field, value) in new[] { ("name", input.Name), ("company", input.Company) })
            if (value is { Length: > 200 }) problems.Add((field, FieldErrors.Text("At most {0} characters (got {1}).", 200, value.Length)));
        return problems;
    }

    /// <summary>The lower-cased name and company a lead search matches by substring.</summary>
    public static string SearchTextOf(Lead lead) => $"{lead.Name} {lead.Company}".Trim().ToLowerInvariant();

    /// <summary>The normalised phones and emails by which a form post or an import finds this lead again.</summary>
    public static IEnumerable<LeadLookup> LookupsOf(Lead lead) =>
        lead.Phones.Select(ContactPoints.NormalizePhone).OfType<string>().Distinct()
            .Select(v => new LeadLookup { Kind = LeadLookupKind.Phone, Value = v, LeadId = lead.Id })
            .Concat(lead.Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct()
                .Select(v => new LeadLookup { Kind = LeadLookupKind.Email, Value = v, LeadId = lead.Id }));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
