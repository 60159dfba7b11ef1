using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Leads.Domain;

/// <summary>
/// A web-to-lead form an admin builds (DOMAIN M5): its fields and labels in zh-CN and English, the thank-you text, the
/// consent checkbox (text and version), and the source it stamps on the leads it makes. Served at <c>/f/{Key}</c>.
/// </summary>
[RecordType("leads.form")]
public sealed class LeadForm : IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    /// <summary>The unguessable public key in the form's address.</summary>
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The fields as JSON: <c>[{ "field": "name", "labelZh": "姓名", "labelEn": "Name", "required": true }]</c>.</summary>
    public string Fields { get; set; } = "[]";
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string ThankYouZh { get; set; } = "";
    public string ThankYouEn { get; set; } = "";
    public bool AsksConsent { get; set; }
    public string? ConsentTextZh { get; set; }
    public string? ConsentTextEn { get; set; }
    public string? ConsentVersion { get; set; }
    public LeadSource Source { get; set; } = LeadSource.WebForm;
    public string? SourceDetail { get; set; }
    public bool Active { get; set; } = true;
    /// <summary>Who built the form: the owner of its leads when no assignment rule matches.</summary>
    public Guid CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One post of a form by a visitor: kept whether it made a lead or was attached to a lead or customer already held.</summary>
public sealed class FormSubmission
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid FormId { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>The values posted, as JSON by field.</summary>
    [Personal(Sensitivity.Contact)] public string Values { get; set; } = "{}";
    public bool ConsentGiven { get; set; }
    public string? ConsentVersion { get; set; }
    /// <summary>The lead it made or was attached to.</summary>
    public Guid? LeadId { get; set; }
    /// <summary>The customer it was attached to, when a customer already held the phone or email.</summary>
    public Guid? CustomerId { get; set; }
}
