using Bogus;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>About 2,000 realistic zh-CN customers with contacts and tags for <c>--seed-demo</c>, owned by the demo sales staff.</summary>
public sealed class CustomerDemoData(KeqingDb db, IUserDirectory directory, TimeProvider clock) : IDemoSeeder
{
    public const int Count = 2000;

    private static readonly (string Province, string[] Cities)[] Regions =
    [
        ("上海", ["上海"]), ("北京", ["北京"]), ("广东", ["广州", "深圳", "佛山", "东莞"]), ("浙江", ["杭州", "宁波", "温州"]),
        ("江苏", ["南京", "苏州", "无锡"]), ("四川", ["成都", "绵阳"]), ("湖北", ["武汉", "宜昌"]), ("山东", ["济南", "青岛", "烟台"]),
        ("福建", ["福州", "厦门"]), ("河南", ["郑州", "洛阳"]), ("陕西", ["西安"]), ("辽宁", ["沈阳", "大连"]),
    ];
    private static readonly (string Industry, string Suffix)[] Industries =
    [
        ("医疗器械", "医疗器械有限公司"), ("医院", "人民医院"), ("零售", "商贸有限公司"), ("分销", "贸易有限公司"), ("制造", "机械制造有限公司"),
        ("食品饮料", "食品有限公司"), ("信息技术", "科技有限公司"), ("物流", "物流有限公司"), ("建材", "建材有限公司"), ("教育", "教育科技有限公司"),
    ];
    private static readonly string[] Words =
        ["明远", "华信", "恒通", "瑞丰", "金桥", "宏达", "长城", "东方", "新锐", "博雅", "天成", "永兴", "盛世", "安康", "鼎盛", "汇丰", "嘉禾", "中科", "海纳", "晨光"];
    private static readonly string[] Tags = ["重点客户", "经销商", "医院", "展会", "老客户", "潜在", "价格敏感", "年度合同", "VIP"];
    private static readonly string[] Sources = ["展会", "官网", "转介绍", "电话营销", "老客户", "招投标"];
    private static readonly string[] Titles = ["总经理", "采购经理", "设备科主任", "财务总监", "院长", "门店经理", "技术负责人"];
    private static readonly string[] Hobbies = ["高尔夫", "钓鱼", "书法", "茶道", "跑步", "摄影", "围棋"];

    private static readonly char[] MobilePrefixes = ['3', '5', '7', '8', '9'];

    public int Order => 10;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Customer>().AnyAsync(ct)) return;
        var owners = (await directory.Active(ct))
            .Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal) || u.Email.StartsWith("manager", StringComparison.Ordinal)).ToList();
        if (owners.Count == 0) return;

        var faker = new Faker("zh_CN");
        faker.Random = new Randomizer(20261124);
        var now = clock.GetUtcNow().UtcDateTime;
        var names = new HashSet<string>();
        for (var i = 0; i < Count; i++)
        {
            var owner = owners[i % owners.Count];
            var (province, cities) = faker.PickRandom(Regions);
            var city = faker.PickRandom(cities);
            var isPerson = i % 5 == 4;
            var industry = faker.PickRandom(Industries);
            string name;
            do name = isPerson ? faker.Name.LastName() + faker.Name.FirstName() : $"{city}{faker.PickRandom(Words)}{faker.PickRandom(Words)}{industry.Suffix}";
            while (!names.Add(name));
            var created = now.AddDays(-faker.Random.Int(1, 900)).AddMinutes(faker.Random.Int(0, 1440));
            var customer = new Customer
            {
                Kind = isPerson ? CustomerKind.Person : CustomerKind.Organization,
                Name = name,
                Industry = isPerson ? null : industry.Industry,
                Province = province, City = city,
                Address = $"{city}市{faker.Address.StreetName()}{faker.Random.Int(1, 999)}号",
                Phones = [$"1{faker.Random.ArrayElement(MobilePrefixes)}{faker.Random.ReplaceNumbers("#########")}"],
                Emails = isPerson ? [] : [$"info{i}@{Domain(faker)}.cn"],
                Website = isPerson ? null : $"https://www.{Domain(faker)}{i}.cn",
                Source = faker.PickRandom(Sources),
                LegalBasis = faker.Random.Bool(0.9f) ? faker.PickRandom(LegalBasis.Consent, LegalBasis.Contract, LegalBasis.PubliclyDisclosed) : LegalBasis.None,
                OwnerId = owner.Id, TeamId = owner.TeamId,
                Grade = faker.Random.Bool(0.85f) ? faker.PickRandom<CustomerGrade>() : null,
                Tags = faker.PickRandom(Tags, faker.Random.Int(0, 3)).ToList(),
                CreatedAt = created, UpdatedAt = created.AddDays(faker.Random.Int(0, 60)),
            };
            if (customer.UpdatedAt > now) customer.UpdatedAt = now;
            Add(customer);
            // One organisation in a hundred was entered twice, the way it happens: the name written another way, the
            // phone in another format, by a colleague — so the duplicate queue has something to show.
            if (!isPerson && i % 100 == 3)
            {
                var core = name[city.Length..^industry.Suffix.Length];
                Add(new Customer
                {
                    Kind = CustomerKind.Organization, Name = $"{core}（{city}）{industry.Suffix}", Industry = industry.Industry,
                    Province = province, Phones = ["+86 " + customer.Phones[0][..3] + " " + customer.Phones[0][3..]],
                    OwnerId = owners[(i + 1) % owners.Count].Id, TeamId = owners[(i + 1) % owners.Count].TeamId,
                    Source = "展会", CreatedAt = created.AddDays(3), UpdatedAt = created.AddDays(3),
                });
            }
            for (var c = 0; c < (isPerson ? 0 : faker.Random.Int(1, 3)); c++)
            {
                var contact = new Contact
                {
                    CustomerId = customer.Id, Name = faker.Name.LastName() + faker.Name.FirstName(), Title = faker.PickRandom(Titles),
                    Phones = [$"13{faker.Random.ReplaceNumbers("#########")}"],
                    Birthday = faker.Random.Bool(0.6f) ? DateOnly.FromDateTime(faker.Date.Past(40, now.AddYears(-25))) : null,
                    Hobbies = faker.Random.Bool(0.5f) ? faker.PickRandom(Hobbies) : null,
                    Source = customer.Source, LegalBasis = customer.LegalBasis,
                    CreatedAt = created, UpdatedAt = created,
                };
                db.Add(contact);
                db.AddRange(ContactSearch.Rows(contact));
            }
        }
        await db.SaveChangesAsync(ct);

        void Add(Customer customer)
        {
            CustomerSearch.Index(customer);
            db.Add(customer);
            foreach (var (kind, value) in CustomerSearch.Lookups(customer).Distinct())
                db.Add(new CustomerLookup { Kind = kind, Value = value, CustomerId = customer.Id });
        }
    }

    private static string Domain(Faker faker) => faker.Random.String2(faker.Random.Int(4, 8), "abcdefghijklmnopqrstuvwxyz");
}
