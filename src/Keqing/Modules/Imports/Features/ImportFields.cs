using System.Text.Json;
using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Imports.Features;

/// <summary>The fields a customer import fills, and the Chinese and English column headers that map to each automatically.</summary>
public static class ImportFields
{
    public const string Name = "name", Kind = "kind", Aliases = "aliases", Industry = "industry", Province = "province",
        City = "city", Address = "address", Phones = "phones", Emails = "emails", Website = "website", CreditCode = "creditCode",
        LegalRepresentative = "legalRepresentative", Tags = "tags", Grade = "grade", Owner = "owner",
        ExternalId = "externalId", ContactName = "contactName", ContactTitle = "contactTitle", ContactPhone = "contactPhone", ContactEmail = "contactEmail",
        Latitude = "latitude", Longitude = "longitude";

    /// <summary>What a field belongs to: the customer (the company or person) or the row's contact person.</summary>
    public const string CustomerTarget = "customer", ContactTarget = "contact";

    /// <summary>Every target field with its English label (shown localized in the mapping table) and what it belongs to.</summary>
    public static readonly IReadOnlyList<(string Field, string Label, string Target)> All =
    [
        (Name, "Customer name", CustomerTarget), (ExternalId, "External ID (number in the source system)", CustomerTarget),
        (Kind, "Kind (organization / person)", CustomerTarget), (Aliases, "Aliases", CustomerTarget), (Industry, "Industry", CustomerTarget),
        (Province, "Province", CustomerTarget), (City, "City", CustomerTarget), (Address, "Address", CustomerTarget),
        (Latitude, "Latitude", CustomerTarget), (Longitude, "Longitude", CustomerTarget),
        (Phones, "Phones", CustomerTarget), (Emails, "Emails", CustomerTarget), (Website, "Website", CustomerTarget),
        (CreditCode, "Unified social credit code", CustomerTarget), (LegalRepresentative, "Legal representative", CustomerTarget),
        (Tags, "Tags", CustomerTarget), (Grade, "Grade", CustomerTarget), (Owner, "Owner (user email or name)", CustomerTarget),
        (ContactName, "Contact name", ContactTarget), (ContactTitle, "Contact title", ContactTarget),
        (ContactPhone, "Contact phone", ContactTarget), (ContactEmail, "Contact email", ContactTarget),
    ];

    /// <summary>Fields holding several values: several columns may fill them (their cells are joined).</summary>
    private static readonly HashSet<string> ListFields = [Phones, Emails, Tags, Aliases];

    private static readonly Dictionary<string, string[]> Common = new()
    {
        [Name] = ["公司名称", "客户名称", "企业名称", "单位名称", "公司", "客户", "名称", "姓名", "name", "company", "company name", "customer", "customer name", "organization", "organisation", "account", "account name"],
        [ExternalId] = ["外部编号", "外部id", "原系统编号", "原系统id", "客户编号", "客户编码", "客户id", "external id",
            "source id", "legacy id", "record id", "customer id", "customer number", "account id", "crm id"],
        [Kind] = ["类型", "客户类型", "kind", "customer type"],
        [Aliases] = ["别名", "简称", "曾用名", "alias", "aliases", "short name"],
        [Industry] = ["行业", "所属行业", "industry", "sector"],
        [Province] = ["省份", "省", "省/直辖市", "province", "state", "region"],
        [City] = ["城市", "市", "所在城市", "city", "town"],
        [Address] = ["地址", "详细地址", "公司地址", "通讯地址", "address", "street", "street address"],
        [Latitude] = ["纬度", "latitude", "lat"],
        [Longitude] = ["经度", "longitude", "lng", "lon", "long"],
        [Phones] = ["电话", "手机", "手机号", "手机号码", "联系电话", "固话", "座机", "公司电话", "总机", "办公电话", "单位电话", "phone", "phones", "telephone", "tel", "mobile", "cell"],
        [Emails] = ["公司邮箱", "企业邮箱", "邮箱", "电子邮箱", "邮件", "电子邮件", "email", "emails", "e-mail", "mail"],
        [Website] = ["网站", "网址", "官网", "主页", "website", "web", "url", "homepage"],
        [CreditCode] = ["统一社会信用代码", "信用代码", "社会信用代码", "credit code", "uscc", "unified social credit code"],
        [LegalRepresentative] = ["法定代表人", "法人", "法人代表", "legal representative", "legal rep"],
        [Tags] = ["标签", "tag", "tags", "labels"],
        [Grade] = ["等级", "客户等级", "级别", "grade", "tier"],
        [Owner] = ["负责人", "负责人邮箱", "所有人", "销售", "owner", "owner email", "sales rep"],
        [ContactName] = ["联系人", "联系人姓名", "contact", "contact name", "contact person"],
        [ContactTitle] = ["职位", "职务", "联系人职位", "title", "job title", "position", "contact title"],
        [ContactPhone] = ["联系人电话", "联系人手机", "contact phone", "contact mobile"],
        [ContactEmail] = ["联系人邮箱", "contact email", "contact e-mail"],
    };

    /// <summary>
    /// The column headers of other CRMs' customer (account) exports, so a company moving to Keqing loses nothing unseen.
    /// Where each comes from is in docs/imports/other-crms.md. Not listed on purpose: Salesforce/HubSpot "Type" and
    /// "Rating" (a relationship type and Hot/Warm/Cold, not Keqing's kind and grade), ids of users (OwnerId), postal codes
    /// and countries (no such field): the preview lists them as not imported.
    /// </summary>
    private static readonly Dictionary<string, string[]> OtherCrms = new()
    {
        // Salesforce: report/export labels and Data Loader API names (normalised alike: "Billing City" = "BillingCity").
        [ExternalId] = ["account number", "accountnumber",
            // HubSpot
            "record id", "company id",
            // Dynamics 365 "Export to Excel": the row's GUID
            "(do not modify) account",
            // 纷享销客, 销售易
            "客户编号", "客户编码"],
        [Name] = ["accountname", "company name", "companyname",
            // 悟空CRM, 纷享销客, 销售易, 企业微信
            "客户名称", "客户全称", "客户"],
        [Address] = ["billing street", "billingstreet", "shipping street", "shippingstreet", "street address",
            "address 1: street 1", "address1_line1", "address 1", "详细地址", "地址"],
        [City] = ["billing city", "billingcity", "shipping city", "shippingcity", "address 1: city", "address1_city", "市", "城市"],
        [Province] = ["billing state/province", "billing state", "billingstate", "shipping state/province", "shipping state", "shippingstate",
            "state/region", "state/province", "address 1: state/province", "address1_stateorprovince", "省", "省份"],
        [Phones] = ["phone number", "main phone", "telephone1", "business phone", "other phone", "电话", "手机", "固定电话"],
        [Emails] = ["email address", "emailaddress1", "邮件", "邮箱"],
        [Website] = ["website url", "websiteurl", "company domain name", "domain", "网址"],
        [Industry] = ["客户行业", "所属行业", "industry"],
        [Grade] = ["客户级别", "客户等级"],
        [Owner] = ["account owner", "company owner", "contact owner", "owner name", "owning user",
            "负责人", "客户负责人", "客户所有人", "所有人", "添加人"],
        [Tags] = ["企业标签", "客户标签", "标签"],
        [ContactTitle] = ["job title"],
    };

    private static readonly Dictionary<string, string> Synonyms = Build(Common, OtherCrms);

    /// <summary>
    /// Headers naming a person's own phone or email (a business card's 手机, 邮箱): in a file with a contact column they
    /// belong to that contact, not to the company. The company's numbers (公司电话, 座机, 总机 …) stay with the customer.
    /// </summary>
    private static readonly Dictionary<string, string> PersonalSynonyms = Build(new Dictionary<string, string[]>
    {
        [ContactPhone] = ["手机", "手机号", "手机号码", "移动电话", "联系电话", "mobile", "mobile phone", "cell", "cell phone"],
        [ContactEmail] = ["邮箱", "电子邮箱", "邮件", "电子邮件", "个人邮箱", "email", "e-mail", "mail", "email address"],
    });

    private static Dictionary<string, string> Build(params Dictionary<string, string[]>[] byField)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, names) in byField.SelectMany(d => d))
            foreach (var n in names)
                if (!map.TryAdd(Normalize(n), field) && map[Normalize(n)] != field)
                    throw new InvalidOperationException($"The header '{n}' would map to both {map[Normalize(n)]} and {field}.");
        return map;
    }

    internal static string Normalize(string header) =>
        new string(header.Trim().Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '*' or ':' or '：')).ToArray()).ToLowerInvariant();

    public static bool IsField(string field) => All.Any(f => f.Field == field);

    /// <summary>What a field belongs to (<see cref="CustomerTarget"/> or <see cref="ContactTarget"/>), null for no field.</summary>
    public static string? TargetOf(string? field) => All.FirstOrDefault(f => f.Field == field).Target;

    /// <summary>
    /// The automatic mapping of a header row: each column to the field its header names. A single-value field takes the
    /// first column naming it; a list field (phones, emails, tags, aliases) takes every such column. When the file has a
    /// contact column, a mobile or email column goes to the contact (its first such column; later ones to the customer).
    /// </summary>
    public static Dictionary<string, string?> AutoMap(IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        var taken = new HashSet<string>();
        var hasContact = headers.Any(h => Synonyms.GetValueOrDefault(Normalize(h)) == ContactName);
        foreach (var header in headers)
        {
            if (mapping.ContainsKey(header)) continue;
            var key = Normalize(header);
            string? field = null;
            if (hasContact && PersonalSynonyms.TryGetValue(key, out var personal) && !taken.Contains(personal)) field = personal;
            else if (Synonyms.TryGetValue(key, out var f) && (ListFields.Contains(f) || !taken.Contains(f))) field = f;
            if (field is not null) taken.Add(field);
            mapping[header] = field;
        }
        return mapping;
    }

    /// <summary>The automatic mapping with the user's corrections on top (a JSON object header → field or null).</summary>
    public static Dictionary<string, string?> Merge(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?>? corrections) =>
        Apply(AutoMap(headers), corrections);

    /// <summary>
    /// Puts the user's corrections on a mapping. A correction naming a column the file does not have, or a field that
    /// cannot be imported, is a 400: silently dropping it would import the file without that column's data.
    /// </summary>
    public static Dictionary<string, string?> Apply(Dictionary<string, string?> mapping, IReadOnlyDictionary<string, string?>? corrections,
        Func<string, bool>? isField = null)
    {
        isField ??= IsField;
        if (corrections is null) return mapping;
        var errors = new FieldErrors();
        foreach (var (header, field) in corrections)
        {
            if (!mapping.ContainsKey(header)) errors.Add("mapping", FieldErrors.Text("'{0}' is not a column of the file.", header));
            else if (!string.IsNullOrEmpty(field) && !isField(field)) errors.Add("mapping", FieldErrors.Text("'{0}' is not a field that can be imported.", field));
            else mapping[header] = string.IsNullOrEmpty(field) ? null : field;
        }
        errors.ThrowIfAny();
        return mapping;
    }

    public static string ToJson(IReadOnlyDictionary<string, string?> mapping) => JsonSerializer.Serialize(mapping);

    public static Dictionary<string, string?> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
}
