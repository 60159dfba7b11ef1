using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Leads.Features;

/// <summary>
/// Applies the caller's privacy grants (DOMAIN P1) to leads: phones and emails (contact) and notes and activity texts
/// (private) read <c>***</c> for a role that may not see them, cannot be searched by such a role, and are kept as
/// stored when such a caller saves the lead.
/// </summary>
public sealed class LeadPrivacy(IPrivacyGrants grants, IPersonalDataMasker masker)
{
    /// <summary>The record type key of a lead (access log, reveals).</summary>
    public const string RecordType = "leads.lead";

    public async Task<LeadDto> Protect(LeadDto lead, bool log, CancellationToken ct) => (await Protect([lead], log, ct))[0];

    public Task<IReadOnlyList<LeadDto>> Protect(IReadOnlyList<LeadDto> leads, bool log, CancellationToken ct) =>
        masker.Mask(RecordType, leads, l => l.Id, ct, log);

    /// <summary>Activity texts are masked as the lead's private data (the record is the lead).</summary>
    public Task<IReadOnlyList<LeadActivityDto>> Protect(IReadOnlyList<LeadActivityDto> activities, CancellationToken ct) =>
        masker.Mask(RecordType, activities, a => a.LeadId, ct);

    /// <summary>Whether the caller may find leads by phone and email (their role sees the contact category).</summary>
    public async Task<bool> MaySearchContactPoints(CancellationToken ct) =>
        (await grants.Levels(ct))[Sensitivity.Contact] == GrantLevel.See;

    /// <summary>The input with every field the caller may not see on this stored lead replaced by its stored value.</summary>
    public async Task<LeadInput> KeepHidden(Lead stored, LeadInput input, CancellationToken ct)
    {
        var viewer = await grants.For([stored.Id], ct);
        if (!viewer.Sees(Sensitivity.Contact, stored.Id)) input = input with { Phones = stored.Phones, Emails = stored.Emails };
        if (!viewer.Sees(Sensitivity.Private, stored.Id)) input = input with { Notes = stored.Notes };
        return input;
    }
}

/// <summary>Leads and their activities as DTOs.</summary>
public static class LeadMapping
{
    public static LeadDto ToDto(this Lead l) => new(
        l.Id, l.Name, l.Company, l.Title, l.Phones, l.Emails, l.Province, l.City, l.Industry, l.CompanySize, l.CreditCode,
        l.Source, l.SourceDetail, l.LegalBasis, l.Notes, l.OwnerId, l.TeamId, l.Status, l.DisqualifyReason,
        l.RespondBy, l.FirstRespondedAt, l.Score, l.ConvertedCustomerId, l.ConvertedContactId, l.ConvertedOpportunityId,
        l.ConvertedAt, l.CreatedAt, l.UpdatedAt, l.ArchivedAt, l.Version);

    public static LeadActivityDto ToDto(this LeadActivity a) => new(a.Id, a.LeadId, a.Kind, a.OccurredAt, a.UserId, a.Text);
}
