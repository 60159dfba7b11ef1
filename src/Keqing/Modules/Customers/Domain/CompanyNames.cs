using System.Globalization;
using System.Text;

namespace Keqing.Modules.Customers.Domain;

/// <summary>
/// Reduces a company or person name to what identifies it for duplicate matching: full-width forms folded (NFKC),
/// lower case, brackets and punctuation dropped, legal forms (有限公司, 股份有限公司, Co., Ltd. …) and place names
/// (provinces and major cities) stripped — so 明远贸易(上海)有限公司 and 上海明远贸易有限公司 both become 明远贸易.
/// Stripping repeats until nothing changes, which makes <see cref="Normalize"/> idempotent.
/// </summary>
public static class CompanyNames
{
    /// <summary>Legal forms and generic company words, longest first so 股份有限公司 goes before 有限公司.</summary>
    private static readonly string[] LegalForms =
    [
        "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限公司", "集团公司", "分公司", "总公司", "公司", "集团",
        "co.,ltd.", "co.,ltd", "co.ltd.", "co.ltd", "co., ltd.", "co., ltd", "company limited", "corporation", "limited", "company",
        "ltd.", "ltd", "inc.", "inc", "corp.", "corp", "llc", "gmbh", "co.",
    ];

    /// <summary>Province-level divisions and the larger cities, without their 省/市/自治区 suffix.</summary>
    public static readonly string[] Places =
    [
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
        "香港", "澳门", "石家庄", "太原", "沈阳", "大连", "长春", "哈尔滨", "南京", "苏州", "无锡", "常州", "南通", "杭州", "宁波", "温州",
        "绍兴", "嘉兴", "金华", "台州", "合肥", "福州", "厦门", "泉州", "南昌", "济南", "青岛", "烟台", "潍坊", "郑州", "洛阳", "武汉",
        "长沙", "广州", "深圳", "珠海", "佛山", "东莞", "中山", "惠州", "汕头", "南宁", "海口", "三亚", "成都", "贵阳", "昆明", "拉萨",
        "西安", "兰州", "西宁", "银川", "乌鲁木齐", "呼和浩特", "包头", "唐山", "保定", "徐州", "扬州", "芜湖", "昆山", "义乌",
    ];

    private static readonly string[] PlaceSuffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "省", "市"];

    /// <summary>The identifying part of a name; the cleaned full name when stripping would leave nothing.</summary>
    public static string Normalize(string? name)
    {
        // Folding can join what stripping brought together (Hangul jamo, say); repeat until the result is stable.
        var result = NormalizeOnce(name);
        for (var i = 0; i < 8; i++)
        {
            var again = NormalizeOnce(result);
            if (again == result) break;
            result = again;
        }
        return result;
    }

    private static string NormalizeOnce(string? name)
    {
        var cleaned = Clean(name);
        var stripped = cleaned;
        while (true)
        {
            var next = StripOnce(stripped);
            if (next == stripped) break;
            stripped = next;
        }
        return stripped.Length > 0 ? stripped : cleaned;
    }

    /// <summary>
    /// The place a customer is in, for "same city" tests: its city, else its province, else a place named in its
    /// name — each without 省/市 — or "" when none is known.
    /// </summary>
    public static string Place(string? city, string? province, string? name)
    {
        foreach (var given in new[] { city, province })
            if (PlaceKey(given) is { Length: > 0 } key) return key;
        var cleaned = Clean(name);
        foreach (var place in Places)
            if (cleaned.Contains(place, StringComparison.Ordinal)) return place;
        return "";
    }

    /// <summary>A city or province name without its administrative suffix (上海市 → 上海), or "".</summary>
    public static string PlaceKey(string? place)
    {
        var s = Clean(place);
        foreach (var suffix in PlaceSuffixes)
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal)) return s[..^suffix.Length];
        return s;
    }

    /// <summary>Dice coefficient of the two names' character bigrams (a one-character name is its own "bigram"), 0 to 1.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;
        var x = Bigrams(a);
        var y = Bigrams(b);
        var common = x.Count(y.Contains);
        return 2.0 * common / (x.Count + y.Count);
    }

    private static HashSet<string> Bigrams(string s)
    {
        if (s.Length == 1) return [s];
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < s.Length; i++) set.Add(s.Substring(i, 2));
        return set;
    }

    /// <summary>NFKC, lower case, only letters and digits (brackets, spaces, punctuation and symbols dropped).</summary>
    private static string Clean(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var folded = name.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
            if (char.IsLetterOrDigit(c) || c == '.' || c == ',') sb.Append(c);
        // Keep '.' and ',' only long enough to strip "co.,ltd."; then drop them.
        return sb.ToString();
    }

    private static string StripOnce(string s)
    {
        foreach (var form in LegalForms)
        {
            var f = form.Replace(" ", "", StringComparison.Ordinal);
            if (s.EndsWith(f, StringComparison.Ordinal) && s.Length > f.Length) return s[..^f.Length];
        }
        var withoutPunctuation = s.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (withoutPunctuation != s) return withoutPunctuation;
        foreach (var place in Places)
        {
            var at = s.IndexOf(place, StringComparison.Ordinal);
            if (at < 0) continue;
            var end = at + place.Length;
            foreach (var suffix in PlaceSuffixes)
                if (string.CompareOrdinal(s, end, suffix, 0, suffix.Length) == 0) { end += suffix.Length; break; }
            if (end - at < s.Length) return s[..at] + s[end..];
        }
        return s;
    }

    internal static string Invariant(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
