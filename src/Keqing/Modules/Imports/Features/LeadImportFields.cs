using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Imports.Features;

/// <summary>The fields a lead import (<c>entity=leads</c>) fills, and the Chinese and English headers that map to each automatically.</summary>
public static class LeadImportFields
{
    public const string Name = "name", Company = "company", Title = "title", Phones = "phones", Emails = "emails",
        Province = "province", City = "city", Industry = "industry", CompanySize = "companySize", CreditCode = "creditCode",
        SourceDetail = "sourceDetail", Notes = "notes", Owner = "owner";

    /// <summary>What every lead field belongs to.</summary>
    public const string LeadTarget = "lead";

    /// <summary>Every target field with its English label (shown localized) and what it belongs to.</summary>
    public static readonly IReadOnlyList<(string Field, string Label, string Target)> All =
    [
        (Name, "Person's name", LeadTarget), (Company, "Company", LeadTarget), (Title, "Job title", LeadTarget),
        (Phones, "Phones", LeadTarget), (Emails, "Emails", LeadTarget), (Province, "Province", LeadTarget), (City, "City", LeadTarget),
        (Industry, "Industry", LeadTarget), (CompanySize, "Company size", LeadTarget),
        (CreditCode, "Unified social credit code", LeadTarget), (SourceDetail, "Source detail (show, campaign, referrer)", LeadTarget),
        (Notes, "Notes", LeadTarget), (Owner, "Owner (user email or name)", LeadTarget),
    ];

    private static readonly HashSet<string> ListFields = [Phones, Emails];

    private static readonly Dictionary<string, string> Synonyms = Build(new Dictionary<string, string[]>
    {
        [Name] = ["姓名", "联系人", "联系人姓名", "名字", "name", "full name", "contact", "contact name", "first name", "lead name"],
        [Company] = ["公司", "公司名称", "单位", "单位名称", "企业", "企业名称", "客户名称", "company", "company name", "organization", "organisation", "account"],
        [Title] = ["职位", "职务", "头衔", "title", "job title", "position"],
        [Phones] = ["电话", "手机", "手机号", "手机号码", "联系电话", "座机", "固话", "phone", "phones", "telephone", "tel", "mobile", "cell", "mobile phone"],
        [Emails] = ["邮箱", "电子邮箱", "邮件", "电子邮件", "email", "emails", "e-mail", "mail", "email address"],
        [Province] = ["省份", "省", "省/直辖市", "province", "state", "region"],
        [City] = ["城市", "市", "所在城市", "city", "town"],
        [Industry] = ["行业", "所属行业", "industry", "sector"],
        [CompanySize] = ["公司规模", "企业规模", "规模", "人数", "员工人数", "company size", "size", "employees", "headcount"],
        [CreditCode] = ["统一社会信用代码", "信用代码", "社会信用代码", "credit code", "uscc", "unified social credit code"],
        [SourceDetail] = ["来源", "来源说明", "线索来源", "活动", "展会", "source", "source detail", "lead source", "campaign", "event"],
        [Notes] = ["备注", "说明", "需求", "notes", "note", "remark", "remarks", "comment", "comments", "description"],
        [Owner] = ["负责人", "负责人邮箱", "所有人", "销售", "owner", "owner email", "sales rep", "lead owner"],
    });

    private static Dictionary<string, string> Build(Dictionary<string, string[]> byField)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, names) in byField)
            foreach (var n in names)
                if (!map.TryAdd(ImportFields.Normalize(n), field) && map[ImportFields.Normalize(n)] != field)
                    throw new InvalidOperationException($"The header '{n}' would map to both {map[ImportFields.Normalize(n)]} and {field}.");
        return map;
    }

    public static bool IsField(string field) => All.Any(f => f.Field == field);

    /// <summary>Each column to the lead field its header names: a single-value field takes the first such column, phones and emails every one.</summary>
    public static Dictionary<string, string?> AutoMap(IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        var taken = new HashSet<string>();
        foreach (var header in headers)
        {
            if (mapping.ContainsKey(header)) continue;
            string? field = Synonyms.TryGetValue(ImportFields.Normalize(header), out var f) && (ListFields.Contains(f) || !taken.Contains(f)) ? f : null;
            if (field is not null) taken.Add(field);
            mapping[header] = field;
        }
        return mapping;
    }

    /// <summary>Whether the mapping fills what every lead needs: a person's name or a company.</summary>
    public static bool MapsRequired(IReadOnlyDictionary<string, string?> mapping) =>
        mapping.Values.Any(f => f is Name or Company);

    /// <summary>The message when it does not.</summary>
    public static string RequiredMessage() => FieldErrors.Text("Map a column to the person's name or the company.");
}
