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
        LeadFields.Validate(input);
        var now = time.GetUtcNow().UtcDateTime;
        var lead = new Lead { Status = LeadStatus.New, CreatedAt = now, UpdatedAt = now };
        LeadFields.Apply(lead, input);
        lead.OwnerId = input.OwnerId ?? await assignment.OwnerFor(lead, ct) ?? fallbackOwnerId;
        lead.TeamId = (await users.Find(lead.OwnerId, ct))?.TeamId;
        await clock.Start(lead, now, ct);
        await scoring.Rescore(lead, ct);
        db.Add(lead);
        db.AddRange(LookupsOf(lead));
        db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.Created, OccurredAt = now, UserId = actingUserId });
        return lead;
    }

    /// <summary>Every reason <paramref name="input"/> cannot become a lead (field, message), by the API's own checks; an import checks its rows by these.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(LeadInput input)
    {
        try
        {
            LeadFields.Validate(input);
            return [];
        }
        catch (ValidationFailedException e)
        {
            return [.. e.Errors.SelectMany(f => f.Value.Select(message => (f.Key, message)))];
        }
    }

    /// <summary>The lower-cased name and company a lead search matches by substring.</summary>
    public static string SearchTextOf(Lead lead) => $"{lead.Name} {lead.Company}".Trim().ToLowerInvariant();

    /// <summary>The normalised phones and emails by which a form post or an import finds this lead again.</summary>
    public static IEnumerable<LeadLookup> LookupsOf(Lead lead) =>
        lead.Phones.Select(ContactPoints.NormalizePhone).OfType<string>().Distinct()
            .Select(v => new LeadLookup { Kind = LeadLookupKind.Phone, Value = v, LeadId = lead.Id })
            .Concat(lead.Emails.Select(ContactPoints.NormalizeEmail).OfType<string>().Distinct()
                .Select(v => new LeadLookup { Kind = LeadLookupKind.Email, Value = v, LeadId = lead.Id }));
}
