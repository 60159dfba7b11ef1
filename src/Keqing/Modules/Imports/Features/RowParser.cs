using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Leads.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>An owner a row may name: a user the importer is allowed to give customers to.</summary>
public sealed record AssignableOwner(Guid Id, Guid? TeamId, string Name, string Email);

/// <summary>A row as it will be stored (a customer, or for a lead import a lead), or every reason it cannot be.</summary>
public sealed record ParsedRow(int RowNo, CustomerImportRow? Row, IReadOnlyList<string> Errors, LeadImportRow? Lead = null,
    Keqing.Modules.SellThrough.Contracts.SellThroughImportRow? SellThrough = null, Keqing.Modules.Products.Contracts.ProductImportRow? Product = null)
{
    /// <summary>Whether the row will be written.</summary>
    public bool Valid => Row is not null || Lead is not null || SellThrough is not null || Product is not null;

    /// <summary>The person's phones and emails, which an erasure keeps out of any import.</summary>
    public (IEnumerable<string?> Phones, IEnumerable<string?> Emails) ContactPoints() => (Lead, Row) switch
    {
        ({ } lead, _) => ((lead.Input.Phones ?? []).AsEnumerable<string?>(), (lead.Input.Emails ?? []).AsEnumerable<string?>()),
        (_, { } row) => (row.Phones.Append(row.Contact?.Phone), row.Emails.Append(row.Contact?.Email)),
        _ => ([], []),
    };
}

/// <summary>
/// Turns a row's cells into a <see cref="CustomerImportRow"/> with the same rules as the customer form (lengths, phones,
/// emails, credit code), naming every bad cell. Lists (phones, emails, tags, aliases) may hold several values separated
/// by ; ， 、 | or a line break.
/// </summary>
public sealed class RowParser
{
    internal static readonly char[] ListSeparators = [';', '；', ',', '，', '、', '|', '\n', '\r', '/'];
    private static readonly char[] TagSeparators = [';', '；', ',', '，', '、', '|', '\n', '\r', ' '];
    private readonly (int Index, string Field)[] columns;
    private readonly OwnerRules? owners;
    private readonly int maxCellLength;

    /// <summary>A parser for one header row and mapping; <paramref name="owners"/> decide each row's owner (null: no owner may be named).</summary>
    public RowParser(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?> mapping,
        OwnerRules? owners, int maxCellLength = 10_000)
    {
        columns = headers.Select((h, i) => (i, mapping.GetValueOrDefault(h)))
            .Where(x => x.Item2 is not null && ImportFields.IsField(x.Item2)).Select(x => (x.i, x.Item2!)).ToArray();
        this.owners = owners;
        this.maxCellLength = maxCellLength;
    }

    /// <summary>Whether the mapping names the one field every row needs.</summary>
    public bool MapsName => columns.Any(c => c.Field == ImportFields.Name);

    public ParsedRow Parse(int rowNo, string[] values)
    {
        var errors = new List<string>();
        var cells = Cells(columns, values, maxCellLength, errors);
        string? Get(string field, int max)
        {
            if (!cells.TryGetValue(field, out var v)) return null;
            if (v.Length > max) { errors.Add(FieldErrors.Text("{0}: at most {1} characters (got {2}).", field, max, v.Length)); return null; }
            return v;
        }
        List<string> GetList(string field, int maxItem, char[] separators)
        {
            if (!cells.TryGetValue(field, out var v)) return [];
            var items = v.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (items.Count > 20) errors.Add(FieldErrors.Text("{0}: at most {1} entries.", field, 20));
            if (items.Any(i => i.Length > maxItem)) errors.Add(FieldErrors.Text("{0}: each entry is at most {1} characters.", field, maxItem));
            return items;
        }

        var name = Get(ImportFields.Name, 200);
        if (name is null && !cells.ContainsKey(ImportFields.Name)) errors.Add(FieldErrors.Text("name: required."));
        var kind = CustomerKind.Organization;
        if (Get(ImportFields.Kind, 50) is { } k)
        {
            if (ParseKind(k) is { } parsed) kind = parsed;
            else errors.Add(FieldErrors.Text("kind: '{0}' is neither an organization nor a person.", Short(k)));
        }
        var phones = GetList(ImportFields.Phones, 40, ListSeparators);
        foreach (var p in phones.Where(p => !ContactPointRules.IsValidPhone(p)))
            errors.Add(FieldErrors.Text("phones: " + PhoneNumbers.Message, Short(p)));
        var emails = GetList(ImportFields.Emails, 256, ListSeparators);
        foreach (var e in emails.Where(e => !FieldErrors.IsEmail(e)))
            errors.Add(FieldErrors.Text("emails: '{0}' is not an email address.", Short(e)));
        var creditCode = Get(ImportFields.CreditCode, 18)?.ToUpperInvariant();
        if (creditCode is not null && !CreditCode.IsValid(creditCode))
            errors.Add(FieldErrors.Text("creditCode: not a valid unified social credit code (18 characters with a check digit)."));
        CustomerGrade? grade = null;
        if (Get(ImportFields.Grade, 10) is { } g)
        {
            if (GradeLetter(g) is { } letter) grade = Enum.Parse<CustomerGrade>(letter);
            else errors.Add(FieldErrors.Text("grade: '{0}' is not one of A, B, C, D.", Short(g)));
        }
        var (owner, ownerError) = Get(ImportFields.Owner, 256) is { } ownerText
            ? owners?.Find(ownerText) ?? (null, FieldErrors.Text("owner: '{0}' is not an active user you may give customers to.", Short(ownerText)))
            : owners?.Default(rowNo) ?? (null, null);
        if (ownerError is not null) errors.Add(ownerError);

        var latitude = Coordinate(Get(ImportFields.Latitude, 40), 90, out var badLatitude);
        if (badLatitude is not null) errors.Add(FieldErrors.Text("latitude: '{0}' is not a number from -90 to 90.", Short(badLatitude)));
        var longitude = Coordinate(Get(ImportFields.Longitude, 40), 180, out var badLongitude);
        if (badLongitude is not null) errors.Add(FieldErrors.Text("longitude: '{0}' is not a number from -180 to 180.", Short(badLongitude)));
        if (cells.ContainsKey(ImportFields.Latitude) != cells.ContainsKey(ImportFields.Longitude))
            errors.Add(FieldErrors.Text("latitude, longitude: give both or neither."));

        ImportedContact? contact = null;
        var contactName = Get(ImportFields.ContactName, 100);
        var contactTitle = Get(ImportFields.ContactTitle, 100);
        var contactPhone = Get(ImportFields.ContactPhone, 40);
        var contactEmail = Get(ImportFields.ContactEmail, 256);
        if (contactPhone is not null && !ContactPointRules.IsValidPhone(contactPhone))
            errors.Add(FieldErrors.Text("contactPhone: " + PhoneNumbers.Message, Short(contactPhone)));
        if (contactEmail is not null && !FieldErrors.IsEmail(contactEmail))
            errors.Add(FieldErrors.Text("contactEmail: '{0}' is not an email address.", Short(contactEmail)));
        if (contactName is not null) contact = new ImportedContact(contactName, contactTitle, contactPhone, contactEmail);
        else if (contactPhone is not null || contactEmail is not null || contactTitle is not null)
            errors.Add(FieldErrors.Text("contactName: required when the row has contact details."));

        var row = new CustomerImportRow(rowNo, kind, name ?? "")
        {
            Aliases = GetList(ImportFields.Aliases, 200, ListSeparators), Industry = Get(ImportFields.Industry, 100),
            Province = Get(ImportFields.Province, 50), City = Get(ImportFields.City, 50), Address = Get(ImportFields.Address, 400),
            Phones = phones, Emails = emails, Website = Get(ImportFields.Website, 400), CreditCode = creditCode,
            ExternalId = Get(ImportFields.ExternalId, 100),
            LegalRepresentative = Get(ImportFields.LegalRepresentative, 100), Tags = GetList(ImportFields.Tags, 50, TagSeparators),
            Grade = grade, OwnerId = owner?.Id, OwnerTeamId = owner?.TeamId, Contact = contact,
            Latitude = latitude, Longitude = longitude,
        };
        return errors.Count == 0 ? new ParsedRow(rowNo, row, []) : new ParsedRow(rowNo, null, errors);
    }

    /// <summary>
    /// A coordinate in decimal degrees (an optional trailing °) within ±<paramref name="max"/>; null when absent, or
    /// when it is no such number (then <paramref name="bad"/> is the cell).
    /// </summary>
    private static double? Coordinate(string? text, double max, out string? bad)
    {
        bad = null;
        if (text is null) return null;
        if (double.TryParse(text.Trim().TrimEnd('°').Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= -max && value <= max)
            return value;
        bad = text;
        return null;
    }

    /// <summary>
    /// The non-empty cells of a row by field (several columns of one field joined by ";"); a cell with a control
    /// character or longer than <paramref name="maxCellLength"/> is left out with its error.
    /// </summary>
    internal static Dictionary<string, string> Cells((int Index, string Field)[] columns, string[] values, int maxCellLength, List<string> errors)
    {
        var cells = new Dictionary<string, string>();
        foreach (var (index, field) in columns)
        {
            var value = index < values.Length ? values[index].Trim() : "";
            // Refused as the API refuses it (PostgreSQL stores no U+0000): this row is rejected, the others go on.
            if (ControlCharacters.FirstIn(value) is { } control)
            {
                errors.Add(FieldErrors.Text("{0}: contains the control character {1}.", field, ControlCharacters.Name(control)));
                continue;
            }
            if (value.Length > maxCellLength)
            {
                errors.Add(FieldErrors.Text("{0}: at most {1} characters (got {2}).", field, maxCellLength, value.Length));
                continue;
            }
            if (value.Length > 0) cells[field] = cells.TryGetValue(field, out var earlier) ? earlier + ";" + value : value;
        }
        return cells;
    }

    /// <summary>A, B, C or D, also as other CRMs write it: "A（重点客户）" (悟空CRM), "B类", "c".</summary>
    private static string? GradeLetter(string value)
    {
        var text = value.Trim().ToUpperInvariant();
        if (text.Length == 0 || text[0] is not ('A' or 'B' or 'C' or 'D')) return null;
        return text.Length == 1 || text[1] is '（' or '(' or '类' or '级' or ' ' or '-' ? text[..1] : null;
    }

    private static CustomerKind? ParseKind(string value) => value.Trim().ToLowerInvariant() switch
    {
        "organization" or "organisation" or "company" or "企业" or "公司" or "组织" or "单位" or "法人" or "法人客户"
            or "企业客户" or "公司客户" or "单位客户" => CustomerKind.Organization,
        "person" or "individual" or "个人" or "自然人" or "自然人客户" or "个人客户" => CustomerKind.Person,
        _ => null,
    };

    internal static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
