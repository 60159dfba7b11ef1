using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>The checks of a <see cref="LeadInput"/> (every bad field named) and how its values land on a lead.</summary>
public static class LeadFields
{
    private const int MaxContactPoints = 20;

    /// <summary>Throws a 400 naming every field of <paramref name="input"/> that cannot be stored.</summary>
    public static void Validate(LeadInput input)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(input.Name) && string.IsNullOrWhiteSpace(input.Company))
            errors.Add("name", FieldErrors.Text("Give a name or a company."));
        errors.MaxLength("name", input.Name?.Trim(), 200).MaxLength("company", input.Company?.Trim(), 200)
            .MaxLength("title", input.Title?.Trim(), 100).MaxLength("province", input.Province?.Trim(), 50)
            .MaxLength("city", input.City?.Trim(), 50).MaxLength("industry", input.Industry?.Trim(), 100)
            .MaxLength("sourceDetail", input.SourceDetail?.Trim(), 200).MaxLength("notes", input.Notes?.Trim(), 4000);
        if (!string.IsNullOrWhiteSpace(input.CreditCode) && !CreditCode.IsValid(input.CreditCode.Trim().ToUpperInvariant()))
            errors.Add("creditCode", FieldErrors.Text("Not a valid unified social credit code (18 characters with a check digit)."));
        if (input.Phones is { Count: > MaxContactPoints }) errors.Add("phones", FieldErrors.Text("At most {0} entries.", MaxContactPoints));
        foreach (var phone in input.Phones ?? [])
            if (!string.IsNullOrWhiteSpace(phone) && (phone.Length > 40 || !PhoneNumbers.IsValid(phone)))
                errors.Add("phones", FieldErrors.Text(PhoneNumbers.Message, Short(phone)));
        if (input.Emails is { Count: > MaxContactPoints }) errors.Add("emails", FieldErrors.Text("At most {0} entries.", MaxContactPoints));
        foreach (var email in input.Emails ?? [])
            if (!string.IsNullOrWhiteSpace(email) && (email.Trim().Length > 256 || !FieldErrors.IsEmail(email.Trim())))
                errors.Add("emails", FieldErrors.Text("'{0}' is not an email address.", Short(email)));
        if (!Enum.IsDefined(input.CompanySize)) errors.Add("companySize", FieldErrors.Text("Unknown company size."));
        if (!Enum.IsDefined(input.Source)) errors.Add("source", FieldErrors.Text("Unknown source."));
        if (!Enum.IsDefined(input.LegalBasis)) errors.Add("legalBasis", FieldErrors.Text("Unknown legal basis."));
        errors.ThrowIfAny();
    }

    /// <summary>Copies the (validated) input's fields onto the lead, trimmed, and recomputes its search text.</summary>
    public static void Apply(Lead lead, LeadInput input)
    {
        lead.Name = input.Name?.Trim() ?? "";
        lead.Company = Blank(input.Company);
        lead.Title = Blank(input.Title);
        lead.Phones = (input.Phones ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList();
        lead.Emails = (input.Emails ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        lead.Province = Blank(input.Province);
        lead.City = Blank(input.City);
        lead.Industry = Blank(input.Industry);
        lead.CompanySize = input.CompanySize;
        lead.CreditCode = Blank(input.CreditCode)?.ToUpperInvariant();
        lead.Source = input.Source;
        lead.SourceDetail = Blank(input.SourceDetail);
        lead.LegalBasis = input.LegalBasis;
        lead.Notes = Blank(input.Notes);
        lead.SearchText = CreateLead.SearchTextOf(lead);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
