using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Customers.Features;

namespace Keqing.Bench;

/// <summary>One generated customer with the lookup rows the app would write for it.</summary>
public sealed record GeneratedCustomer(Customer Customer, IReadOnlyList<(LookupKind Kind, string Value)> Lookups);

/// <summary>The synthetic staff that owns the customers: ~200 users in ~20 teams.</summary>
public sealed class Staff
{
    public const int Teams = 20;
    public const int UsersPerTeam = 10;

    public Staff(int seed = 7)
    {
        var r = new Random(seed);
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        TeamIds = Enumerable.Range(0, Teams).Select(i => Ids.Version7(at.AddSeconds(i), r)).ToArray();
        UserIds = Enumerable.Range(0, Teams * UsersPerTeam).Select(i => Ids.Version7(at.AddMinutes(1).AddSeconds(i), r)).ToArray();
    }

    public Guid[] TeamIds { get; }
    public Guid[] UserIds { get; }
    public Guid TeamOf(int user) => TeamIds[user / UsersPerTeam];

    /// <summary>The SalesRep measured with record access: user 7, a member (not the manager) of team 0.</summary>
    public const int Rep = 7;
}

/// <summary>
/// Streams realistic zh-CN customers (deterministic for a seed): organisations named city + two words + industry
/// suffix (some with a branch), people with common surnames (incl. the polyphones 曾 单 区), 1–2 phones, 0–1 email,
/// 0–3 tags, owners spread over the staff. Search columns and lookups come from the app's own CustomerSearch.
/// </summary>
public sealed class CustomerGenerator(Staff staff, int seed = 20261124)
{
    private static readonly (string Province, string[] Cities)[] Regions =
    [
        ("上海", ["上海"]), ("北京", ["北京"]), ("天津", ["天津"]), ("重庆", ["重庆"]),
        ("广东", ["广州", "深圳", "佛山", "东莞", "珠海", "中山", "惠州", "汕头"]),
        ("浙江", ["杭州", "宁波", "温州", "绍兴", "嘉兴", "金华", "台州"]), ("江苏", ["南京", "苏州", "无锡", "常州", "南通", "徐州", "扬州"]),
        ("四川", ["成都", "绵阳", "德阳", "宜宾"]), ("湖北", ["武汉", "宜昌", "襄阳"]), ("湖南", ["长沙", "株洲", "岳阳"]),
        ("山东", ["济南", "青岛", "烟台", "潍坊", "临沂"]), ("福建", ["福州", "厦门", "泉州"]), ("河南", ["郑州", "洛阳", "南阳"]),
        ("陕西", ["西安", "宝鸡"]), ("辽宁", ["沈阳", "大连", "鞍山"]), ("河北", ["石家庄", "唐山", "保定"]), ("安徽", ["合肥", "芜湖"]),
        ("江西", ["南昌", "赣州"]), ("云南", ["昆明", "大理"]), ("广西", ["南宁", "桂林", "柳州"]), ("山西", ["太原", "大同"]),
        ("吉林", ["长春", "吉林"]), ("黑龙江", ["哈尔滨", "大庆"]), ("贵州", ["贵阳", "遵义"]), ("甘肃", ["兰州"]), ("新疆", ["乌鲁木齐"]),
        ("内蒙古", ["呼和浩特", "包头"]), ("海南", ["海口", "三亚"]),
    ];

    private static readonly (string Industry, string Suffix)[] Industries =
    [
        ("医疗器械", "医疗器械有限公司"), ("医院", "人民医院"), ("零售", "商贸有限公司"), ("分销", "贸易有限公司"),
        ("制造", "机械制造有限公司"), ("食品饮料", "食品有限公司"), ("信息技术", "科技有限公司"), ("信息技术", "信息技术有限公司"),
        ("物流", "物流有限公司"), ("建材", "建材有限公司"), ("教育", "教育科技有限公司"), ("化工", "化工有限公司"),
        ("电子", "电子有限公司"), ("汽车", "汽车销售服务有限公司"), ("餐饮", "餐饮管理有限公司"), ("房地产", "置业有限公司"),
        ("咨询", "企业管理咨询有限公司"), ("印刷", "印务有限公司"), ("纺织", "纺织品有限公司"), ("环保", "环保科技有限公司"),
        ("能源", "新能源有限公司"), ("医药", "医药连锁有限公司"), ("广告", "文化传媒有限公司"), ("金融", "投资管理有限公司"),
    ];

    // Two-character trade-name words; organisations take two different ones (~40,000 ordered pairs).
    private static readonly string[] Words = Split(
        "明远 华信 恒通 瑞丰 金桥 宏达 长城 东方 新锐 博雅 天成 永兴 盛世 安康 鼎盛 汇丰 嘉禾 中科 海纳 晨光 " +
        "华泰 中信 国泰 新华 光明 阳光 蓝天 绿源 金鼎 银河 星辰 日升 月恒 万通 百联 千禧 亿达 兆丰 鑫隆 " +
        "润泽 德仁 信诚 和谐 同创 共赢 创新 卓越 优品 精工 精诚 诚信 信达 达通 通达 远航 航宇 宇通 通用 用心 " +
        "华润 华夏 华美 华兴 华瑞 华康 华宇 华盛 华通 华联 中天 中远 中兴 中建 中恒 中鼎 中瑞 中研 中联 中鑫 " +
        "金源 金泰 金辉 金盛 金达 金利 金马 金龙 金凤 金花 银泰 银丰 银鹰 银座 宝丰 宝龙 宝信 宝利 宝华 宝安 " +
        "东升 东亚 东华 东泰 东辉 西部 西湖 西凯 南方 南洋 南山 南湖 北方 北辰 北斗 北极 天宇 天禾 天瑞 天润 " +
        "天安 天诚 天虹 天元 海天 海信 海尔 海通 海悦 海川 山河 山水 泰山 泰和 泰康 泰丰 康泰 康达 康明 康宁 " +
        "永泰 永康 永利 永安 永盛 长青 长虹 长江 长安 长荣 兴业 兴隆 兴达 兴华 兴邦 腾飞 腾达 飞扬 飞达 飞鹏 " +
        "鹏程 鹏达 龙腾 龙翔 龙华 凤凰 麒麟 锦绣 锦程 锦华 丰源 丰泽 丰华 源泉 清源 清华 清风 明德 明珠 明辉 " +
        "智联 智慧 智达 慧通 思源 思创 博远 博达 博信 博瑞 瑞达 瑞康 瑞祥 祥和 吉祥 如意 福田 福瑞 福星 福泰 " +
        "顺达 顺丰 顺天 正大 正泰 正通 立信 立达 立新 新星 新天 新视 新宇 新源 新纪 新城 新港 港华 港通 汇通 " +
        "汇源 汇金 汇佳 佳禾 佳美 佳和 美达 美华 美联 众诚 众信 众合 合力 合众 力拓 拓展 展鸿 鸿运 鸿达 鸿福");

    private static readonly string[] Branches = Split("浦东 海淀 朝阳 天河 南山 西湖 鼓楼 江北 高新 开发区 经开 滨江 武侯 洪山 历下");

    private static readonly (string Surname, int Weight)[] Surnames =
    [
        ("王", 72), ("李", 71), ("张", 69), ("刘", 54), ("陈", 45), ("杨", 31), ("黄", 24), ("赵", 23), ("吴", 21), ("周", 20),
        ("徐", 17), ("孙", 15), ("马", 15), ("朱", 14), ("胡", 13), ("郭", 12), ("何", 12), ("林", 11), ("高", 11), ("罗", 11),
        ("郑", 10), ("梁", 9), ("谢", 8), ("宋", 8), ("唐", 8), ("许", 7), ("韩", 7), ("冯", 7), ("邓", 7), ("曹", 7),
        ("彭", 6), ("曾", 6), ("肖", 6), ("田", 5), ("董", 5), ("袁", 5), ("潘", 5), ("于", 5), ("蒋", 5), ("蔡", 5),
        ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4), ("魏", 4), ("吕", 4), ("丁", 4), ("任", 4), ("沈", 4),
        ("单", 2), ("区", 1), ("欧阳", 1), ("司马", 1), ("诸葛", 1), ("上官", 1), ("解", 1), ("查", 1), ("仇", 1), ("朴", 1),
    ];

    private static readonly string[] Given = Split(
        "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 玉兰 飞 建华 建国 建军 志强 志明 " +
        "婷 雪 琳 晶 颖 欣 宇 浩 鑫 鹏 俊 帅 斌 波 辉 健 亮 红 梅 兰 莉 燕 萍 倩 佳 子涵 梓萱 浩然 一鸣 思远 " +
        "晓东 晓明 晓燕 海燕 海涛 国强 国华 文博 文静 雨桐 欣怡 子轩 宇航 嘉怡 俊杰 建平 春梅 秋菊 冬梅 凤英");

    private static readonly string[] Tags =
        ["重点客户", "经销商", "医院", "展会", "老客户", "潜在", "价格敏感", "年度合同", "VIP", "政府采购", "招投标", "代理商", "大客户", "转介绍", "海外", "流失风险"];
    private static readonly string[] Sources = ["展会", "官网", "转介绍", "电话营销", "老客户", "招投标", "线上广告", "地推"];
    private static readonly string[] Streets = Split("人民路 解放路 中山路 建设路 和平路 新华路 长江路 黄河路 南京路 北京路 文化路 胜利路 光明路 友谊路 迎宾大道 科技园路");
    private static readonly string[] Domains = ["com", "com.cn", "cn", "net"];
    private static readonly string[] Mailboxes = ["info", "sales", "contact", "service", "market", "hr", "admin", "office"];
    private static readonly string[] AreaCodes = ["010", "021", "022", "023", "020", "0755", "0571", "025", "028", "027", "0532", "0591", "029"];
    private static readonly char[] Mobile2 = ['3', '5', '7', '8', '9'];

    private readonly int totalSurnameWeight = Surnames.Sum(s => s.Weight);

    /// <summary>Streams <paramref name="count"/> customers; created over the last three years.</summary>
    public IEnumerable<GeneratedCustomer> Generate(int count, DateTime now)
    {
        var r = new Random(seed);
        // Ids as the app makes them (UUIDv7, time-ordered like inserts over time) but reproducible for a seed.
        var idClock = now.AddDays(-400);
        for (var i = 0; i < count; i++)
        {
            var (province, cities) = Regions[r.Next(Regions.Length)];
            var city = cities[r.Next(cities.Length)];
            var isPerson = r.Next(5) == 4;
            var industry = Industries[r.Next(Industries.Length)];
            string name;
            if (isPerson)
            {
                name = Surname(r) + Given[r.Next(Given.Length)];
            }
            else
            {
                var w1 = Words[r.Next(Words.Length)];
                string w2;
                do w2 = Words[r.Next(Words.Length)]; while (w2 == w1);
                name = $"{city}{w1}{w2}{industry.Suffix}";
                if (r.Next(8) == 0) name += $"{Branches[r.Next(Branches.Length)]}分公司";
            }

            var user = r.Next(staff.UserIds.Length);
            var created = now.AddMinutes(-r.Next(3 * 365 * 24 * 60));
            var updated = created.AddMinutes(r.Next(90 * 24 * 60));
            if (updated > now) updated = now;
            var phones = new List<string> { MobileNumber(r) };
            if (r.Next(3) == 0) phones.Add(r.Next(2) == 0 ? MobileNumber(r) : $"{AreaCodes[r.Next(AreaCodes.Length)]}-{r.Next(1000_0000, 9999_9999)}");
            var emails = new List<string>();
            if (r.Next(10) < (isPerson ? 4 : 7))
                emails.Add(isPerson
                    ? $"user{i}@{(r.Next(2) == 0 ? "163.com" : "qq.com")}"
                    : $"{Mailboxes[r.Next(Mailboxes.Length)]}{i}@{Ascii(r, 5, 9)}.{Domains[r.Next(Domains.Length)]}");
            var tags = new List<string>();
            var tagCount = r.Next(4);
            while (tags.Count < tagCount)
            {
                var t = Tags[r.Next(Tags.Length)];
                if (!tags.Contains(t)) tags.Add(t);
            }
            var gradeRoll = r.Next(100);
            var customer = new Customer
            {
                Id = Ids.Version7(idClock.AddMilliseconds(i), r),
                Kind = isPerson ? CustomerKind.Person : CustomerKind.Organization,
                Name = name,
                Industry = isPerson ? null : industry.Industry,
                Province = province,
                City = city,
                Address = $"{city}市{Streets[r.Next(Streets.Length)]}{r.Next(1, 999)}号",
                Phones = phones,
                Emails = emails,
                Website = isPerson || r.Next(2) == 0 ? null : $"https://www.{Ascii(r, 4, 10)}{i}.cn",
                Source = Sources[r.Next(Sources.Length)],
                OwnerId = staff.UserIds[user],
                TeamId = staff.TeamOf(user),
                Grade = gradeRoll < 85 ? (CustomerGrade)(1 + gradeRoll % 4) : null,
                Tags = tags,
                CreatedAt = created,
                UpdatedAt = updated,
                ArchivedAt = r.Next(50) == 0 ? updated : null,
                Version = r.Next(3),
            };
            CustomerSearch.Index(customer);
            yield return new GeneratedCustomer(customer, CustomerSearch.Lookups(customer).Distinct().ToList());
        }
    }

    private string Surname(Random r)
    {
        var roll = r.Next(totalSurnameWeight);
        foreach (var (s, w) in Surnames)
        {
            if (roll < w) return s;
            roll -= w;
        }
        return "张";
    }

    private static string MobileNumber(Random r) => $"1{Mobile2[r.Next(Mobile2.Length)]}{r.Next(0, 10)}{r.Next(0, 1_0000_0000):D8}";

    private static string Ascii(Random r, int min, int max)
    {
        Span<char> s = stackalloc char[r.Next(min, max + 1)];
        for (var i = 0; i < s.Length; i++) s[i] = (char)('a' + r.Next(26));
        return new string(s);
    }

    private static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Reproducible UUIDv7 values: the timestamp given, the random bits from a seeded generator.</summary>
public static class Ids
{
    public static Guid Version7(DateTime at, Random r)
    {
        Span<byte> b = stackalloc byte[16];
        r.NextBytes(b);
        var ms = new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) b[i] = (byte)(ms >> (8 * (5 - i)));
        b[6] = (byte)(0x70 | (b[6] & 0x0F));
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true);
    }
}
