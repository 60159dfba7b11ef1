using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>
/// Turns a row's cells into a lead (<see cref="LeadImportRow"/>) with the lead form's rules (<see cref="ILeadImport.Validate"/>)
/// and the customer import's cell rules (lengths, phones, emails, credit code), naming every bad cell. Every lead gets the
/// import's source text as its source detail unless the row has one, and the import's legal basis.
/// </summary>
public sealed class LeadRowParser
{
    private readonly (int Index, string Field)[] columns;
    private readonly OwnerRules? owners;
    private readonly ILeadImport leads;
    private readonly string source;
    private readonly LegalBasis legalBasis;
    private readonly int maxCellLength;

    public LeadRowParser(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping, OwnerRules? owners,
        ILeadImport leads, string source, LegalBasis legalBasis, int maxCellLength = 10_000)
    {
        columns = headers.Select((h, i) => (i, mapping.GetValueOrDefault(h)))
            .Where(x => x.Item2 is not null && LeadImportFields.IsField(x.Item2)).Select(x => (x.i, x.Item2!)).ToArray();
        (this.owners, this.leads, this.source, this.legalBasis, this.maxCellLength) = (owners, leads, source, legalBasis, maxCellLength);
    }

    public ParsedRow Parse(int rowNo, string[] values)
    {
        var errors = new List<string>();
        var cells = RowParser.Cells(columns, values, maxCellLength, errors);
        string? Get(string field, int max)
        {
            if (!cells.TryGetValue(field, out var v)) return null;
            if (v.Length > max) { errors.Add(FieldErrors.Text("{0}: at most {1} characters (got {2}).", field, max, v.Length)); return null; }
            return v;
        }
        List<string> GetList(string field, int maxItem)
        {
            if (!cells.TryGetValue(field, out var v)) return [];
            var items = v.Split(RowParser.ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (items.Count > 20) errors.Add(FieldErrors.Text("{0}: at most {1} entries.", field, 20));
            if (items.Any(i => i.Length > maxItem)) errors.Add(FieldErrors.Text("{0}: each entry is at most {1} characters.", field, maxItem));
            return items;
        }

        var phones = GetList(LeadImportFields.Phones, 40);
        foreach (var p in phones.Where(p => !ContactPointRules.IsValidPhone(p)))
            errors.Add(FieldErrors.Text("phones: " + PhoneNumbers.Message, RowParser.Short(p)));
        var emails = GetList(LeadImportFields.Emails, 256);
        foreach (var e in emails.Where(e => !FieldErrors.IsEmail(e)))
            errors.Add(FieldErrors.Text("emails: '{0}' is not an email address.", RowParser.Short(e)));
        var creditCode = Get(LeadImportFields.CreditCode, 18)?.ToUpperInvariant();
        if (creditCode is not null && !CreditCode.IsValid(creditCode))
            errors.Add(FieldErrors.Text("creditCode: not a valid unified social credit code (18 characters with a check digit)."));
        var size = CompanySize.Unknown;
        if (Get(LeadImportFields.CompanySize, 50) is { } sizeText)
        {
            if (SizeOf(sizeText) is { } parsed) size = parsed;
            else errors.Add(FieldErrors.Text("companySize: '{0}' is not a company size (micro, small, medium, large, enterprise, or a head count).", RowParser.Short(sizeText)));
        }
        var (owner, ownerError) = Get(LeadImportFields.Owner, 256) is { } ownerText
            ? owners?.Find(ownerText) ?? (null, FieldErrors.Text("owner: '{0}' is not an active user you may give customers to.", RowParser.Short(ownerText)))
            : owners?.Default(rowNo) ?? (null, null);
        if (ownerError is not null) errors.Add(ownerError);

        var input = new LeadInput(Get(LeadImportFields.Name, 200), Get(LeadImportFields.Company, 200), Get(LeadImportFields.Title, 100),
            phones, emails, Get(LeadImportFields.Province, 50), Get(LeadImportFields.City, 50), Get(LeadImportFields.Industry, 100), size,
            creditCode, LeadSource.Import, Get(LeadImportFields.SourceDetail, 200) ?? (source.Length > 200 ? source[..200] : source),
            legalBasis, Get(LeadImportFields.Notes, 4000), owner?.Id);
        errors.AddRange(leads.Validate(input).Except(errors).ToList()); // the parser already named some of the same faults
        return errors.Count == 0 ? new ParsedRow(rowNo, null, [], new LeadImportRow(rowNo, input)) : new ParsedRow(rowNo, null, errors);
    }

    /// <summary>
    /// A size by name (English or Chinese) or by head count, the first number of a range ("100-499"): under 10 micro,
    /// under 100 small, under 500 medium, under 1,000 large, else enterprise.
    /// </summary>
    public static CompanySize? SizeOf(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        var named = value switch
        {
            "micro" or "微型" or "微型企业" => CompanySize.Micro,
            "small" or "小型" or "小型企业" or "小" => CompanySize.Small,
            "medium" or "中型" or "中型企业" or "中" => CompanySize.Medium,
            "large" or "大型" or "大型企业" or "大" => CompanySize.Large,
            "enterprise" or "特大型" or "集团" or "超大型" => CompanySize.Enterprise,
            _ => (CompanySize?)null,
        };
        if (named is not null) return named;
        var digits = new string(value.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(c => char.IsAsciiDigit(c) || c == ',').Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is 0 or > 9 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return null;
        return count switch { < 10 => CompanySize.Micro, < 100 => CompanySize.Small, < 500 => CompanySize.Medium, < 1000 => CompanySize.Large, _ => CompanySize.Enterprise };
    }
}
