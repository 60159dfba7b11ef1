namespace Keqing.Modules.Leads.Contracts;

/// <summary>One field of a web form: which lead field it fills (<c>name</c>, <c>phone</c> …), its labels and whether it must be filled.</summary>
public sealed record LeadFormField(string Field, string? LabelZh, string? LabelEn, bool Required);

/// <summary>What an admin sends to create or change a web form (DOMAIN M5).</summary>
public sealed record LeadFormInput(
    string? Name, IReadOnlyList<LeadFormField>? Fields, string? TitleZh, string? TitleEn, string? ThankYouZh, string? ThankYouEn,
    bool AsksConsent, string? ConsentTextZh, string? ConsentTextEn, string? ConsentVersion, LeadSource? Source, string? SourceDetail,
    bool Active = true);

/// <summary>A web form as the admin API shows it, with its hosted page's path (<c>/f/{key}</c>).</summary>
public sealed record LeadFormDto(
    Guid Id, string Key, string Name, IReadOnlyList<LeadFormField> Fields, string TitleZh, string TitleEn, string ThankYouZh,
    string ThankYouEn, bool AsksConsent, string? ConsentTextZh, string? ConsentTextEn, string? ConsentVersion, LeadSource Source,
    string? SourceDetail, bool Active, Guid CreatedById, DateTime CreatedAt, DateTime UpdatedAt, long Version, string HostedPath);
