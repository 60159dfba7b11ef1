using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>What a new case is about, as far as skills go: its product lines (the product's category and those above it), where its customer is, its language.</summary>
public sealed record CaseSkillFacts(IReadOnlyCollection<Guid> ProductLines, string? Province, string? City, string? Language);

/// <summary>
/// The skills a new case needs (DOMAIN V3, issue 16 item 4), and skills made comparable. Regions and languages are free
/// text an admin types (浙江 or 浙江省, English or 英语 or en), so both sides are reduced to one key before they are compared:
/// a region without its administrative suffix (省, 市, 自治区 …), a language as its ISO code.
/// <list type="bullet">
/// <item>A product line: the product's category or any above it (as before).</item>
/// <item>A region: the customer's province or its city, either one; only in a team that routes by region (one of its
/// agents holds a region skill) and only when the customer's province or city is known.</item>
/// <item>A language: the case's language, when it is not the organisation's default language; only in a team that routes by
/// language (one of its agents holds a language skill).</item>
/// </list>
/// A team that gives nobody a region or a language skill assigns as before: those needs never send its cases to the queue.
/// </summary>
public static class SkillMatching
{
    public static IReadOnlyList<IReadOnlySet<SkillKey>> Needs(CaseSkillFacts facts, IReadOnlyCollection<AgentCandidate> team, string defaultLanguage)
    {
        var needs = new List<IReadOnlySet<SkillKey>>();
        if (facts.ProductLines.Count > 0)
            needs.Add(facts.ProductLines.Select(id => new SkillKey(SkillKind.ProductLine, id.ToString())).ToHashSet());
        var regions = new[] { facts.Province, facts.City }.Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => Key(SkillKind.Region, v!)).ToHashSet();
        if (regions.Count > 0 && RoutesBy(team, SkillKind.Region)) needs.Add(regions);
        if (!string.IsNullOrWhiteSpace(facts.Language) && LanguageKey(facts.Language) is var language
            && language != LanguageKey(defaultLanguage) && RoutesBy(team, SkillKind.Language))
            needs.Add(new HashSet<SkillKey> { new(SkillKind.Language, language) });
        return needs;
    }

    /// <summary>Whether one of the team's agents holds a skill of this kind.</summary>
    public static bool RoutesBy(IEnumerable<AgentCandidate> team, SkillKind kind) => team.Any(a => a.Skills.Any(s => s.Kind == kind));

    /// <summary>A skill as the rule compares it: a product line by its category's id, a region or a language by its key.</summary>
    public static SkillKey Key(SkillKind kind, string value) => kind switch
    {
        SkillKind.Region => new SkillKey(kind, RegionKey(value)),
        SkillKind.Language => new SkillKey(kind, LanguageKey(value)),
        _ => new SkillKey(kind, value),
    };

    // Longest first: 新疆维吾尔自治区 loses 维吾尔自治区, not just 区.
    private static readonly string[] RegionSuffixes =
        ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟"];

    /// <summary>浙江省 → 浙江, 杭州市 → 杭州, 广西壮族自治区 → 广西; Latin letters in lower case (Zhejiang → zhejiang).</summary>
    public static string RegionKey(string value)
    {
        var v = value.Trim();
        foreach (var suffix in RegionSuffixes)
            if (v.EndsWith(suffix, StringComparison.Ordinal) && v.Length - suffix.Length >= 2) return v[..^suffix.Length].ToLowerInvariant();
        return v.ToLowerInvariant();
    }

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["中文"] = "zh", ["汉语"] = "zh", ["普通话"] = "zh", ["国语"] = "zh", ["Chinese"] = "zh", ["Mandarin"] = "zh",
        ["粤语"] = "yue", ["广东话"] = "yue", ["白话"] = "yue", ["Cantonese"] = "yue",
        ["英语"] = "en", ["英文"] = "en", ["English"] = "en",
        ["日语"] = "ja", ["日文"] = "ja", ["Japanese"] = "ja",
        ["韩语"] = "ko", ["韩文"] = "ko", ["朝鲜语"] = "ko", ["Korean"] = "ko",
        ["俄语"] = "ru", ["Russian"] = "ru", ["法语"] = "fr", ["French"] = "fr", ["德语"] = "de", ["German"] = "de",
        ["西班牙语"] = "es", ["Spanish"] = "es", ["葡萄牙语"] = "pt", ["Portuguese"] = "pt", ["阿拉伯语"] = "ar", ["Arabic"] = "ar",
        ["越南语"] = "vi", ["Vietnamese"] = "vi", ["泰语"] = "th", ["Thai"] = "th",
        ["藏语"] = "bo", ["Tibetan"] = "bo", ["维吾尔语"] = "ug", ["Uyghur"] = "ug", ["蒙古语"] = "mn", ["Mongolian"] = "mn",
    };

    /// <summary>
    /// A language as its ISO code: a name (英语, English, 粤语) by the table above, a tag by its language subtag (en-US → en,
    /// zh-Hans-CN → zh, yue-HK → yue); anything else as typed, in lower case.
    /// </summary>
    public static string LanguageKey(string value)
    {
        var v = value.Trim();
        if (LanguageNames.TryGetValue(v, out var key)) return key;
        var primary = v.Split('-', '_')[0];
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : v.ToLowerInvariant();
    }
}
