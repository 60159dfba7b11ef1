using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.Products.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Products.Features;

/// <summary>
/// The demo maker of medical devices and reagents for <c>--seed-demo</c>: a category tree, twenty products, the price
/// groups 一级经销商, 二级经销商, 医院 and 零售 with their 2026 lists and quantity tiers, one customer's own list, and
/// the demo customers put in groups by their industry. Before the quotes, orders and sales-database seeders (Order 50).
/// </summary>
public sealed class ProductsDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, TimeProvider clock) : IDemoSeeder
{
    // Category path, SKU, name, English name, unit, specification, list price, cost, VAT %.
    private static readonly (string Category, string Sku, string Name, string NameEn, string Unit, string Spec, decimal Price, decimal Cost, decimal Vat)[] Catalogue =
    [
        ("影像设备/超声", "US-C5", "便携式彩色多普勒超声诊断仪", "Portable colour Doppler ultrasound", "台", "C5 便携式，含 3 把探头", 268_000m, 151_000m, 13m),
        ("影像设备/超声", "US-R9", "台式彩超", "Cart-based ultrasound", "台", "R9 高端台式", 860_000m, 498_000m, 13m),
        ("影像设备/超声", "US-PL7", "线阵探头", "Linear probe", "支", "L7-3 浅表", 32_000m, 14_500m, 13m),
        ("影像设备/DR", "DR-600", "数字化X射线摄影系统", "Digital radiography system", "套", "双立柱 DR-600", 1_150_000m, 720_000m, 13m),
        ("监护与急救/监护仪", "PM-12", "多参数监护仪", "Patient monitor", "台", "12 英寸，六参数", 26_800m, 13_900m, 13m),
        ("监护与急救/监护仪", "PM-CS", "中央监护系统", "Central monitoring station", "套", "32 床位", 198_000m, 96_000m, 13m),
        ("监护与急救/除颤", "DF-A8", "自动体外除颤器", "AED", "台", "A8 成人/儿童", 16_500m, 8_200m, 13m),
        ("检验试剂/生化", "RG-ALT", "丙氨酸氨基转移酶测定试剂盒", "ALT reagent kit", "盒", "4×50 mL", 420m, 160m, 13m),
        ("检验试剂/生化", "RG-GLU", "葡萄糖测定试剂盒", "Glucose reagent kit", "盒", "4×60 mL", 260m, 95m, 13m),
        ("检验试剂/免疫", "RG-CTNI", "心肌肌钙蛋白I测定试剂盒", "cTnI reagent kit", "盒", "100 人份", 1_850m, 610m, 13m),
        ("检验试剂/免疫", "RG-PCT", "降钙素原测定试剂盒", "PCT reagent kit", "盒", "50 人份", 1_460m, 520m, 13m),
        ("检验试剂/血球", "RG-DIL", "血细胞分析用稀释液", "Haematology diluent", "桶", "20 L", 380m, 120m, 13m),
        ("耗材/注射穿刺", "CS-SY5", "一次性使用无菌注射器", "Sterile syringe", "盒", "5 mL，100 支/盒", 38m, 14m, 13m),
        ("耗材/注射穿刺", "CS-IV", "一次性使用静脉留置针", "IV catheter", "盒", "22G，50 支/盒", 165m, 62m, 13m),
        ("耗材/敷料", "CS-GZ", "医用纱布块", "Medical gauze", "包", "7.5×7.5 cm，100 片/包", 24m, 9m, 13m),
        ("耗材/电极", "CS-ECG", "一次性心电电极", "ECG electrodes", "盒", "50 片/盒", 45m, 16m, 13m),
        ("药品/抗感染", "MD-CFX", "注射用头孢呋辛钠", "Cefuroxime for injection", "盒", "0.75 g×10 瓶", 98m, 41m, 9m),
        ("药品/抗感染", "MD-AZM", "阿奇霉素片", "Azithromycin tablets", "盒", "0.25 g×6 片", 32m, 12m, 9m),
        ("药品/心血管", "MD-ATV", "阿托伐他汀钙片", "Atorvastatin tablets", "盒", "20 mg×14 片", 46m, 15m, 9m),
        ("服务", "SV-MNT", "设备年度维保服务", "Annual maintenance", "套", "一年，含两次巡检", 18_000m, 7_000m, 6m),
    ];

    // Group, percent of the list price, and the tiers (first quantity, further percent off) of its 2026 list.
    private static readonly (string Group, decimal Percent, (int From, decimal Off)[] Tiers)[] Groups =
    [
        ("一级经销商", 0.78m, [(10, 0.03m), (50, 0.06m)]),
        ("二级经销商", 0.86m, [(20, 0.03m)]),
        ("医院", 0.95m, []),
        ("零售", 1.00m, []),
    ];

    public int Order => 50;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Product>().AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;

        var categories = new Dictionary<string, ProductCategory>();
        ProductCategory CategoryOf(string path)
        {
            if (categories.TryGetValue(path, out var found)) return found;
            var cut = path.LastIndexOf('/');
            var parent = cut < 0 ? null : CategoryOf(path[..cut]);
            var category = new ProductCategory { Name = path[(cut + 1)..], ParentId = parent?.Id, Order = categories.Values.Count(c => c.ParentId == parent?.Id) };
            db.Add(category);
            return categories[path] = category;
        }

        var products = Catalogue.Select(p => new Product
        {
            Sku = p.Sku, Name = p.Name, NameEn = p.NameEn, CategoryId = CategoryOf(p.Category).Id, Unit = p.Unit, Specification = p.Spec,
            ListPrice = Money.Of(p.Price), Cost = Money.Of(p.Cost), VatRatePercent = p.Vat, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.AddRange(products);

        var year = new DateOnly(2026, 1, 1);
        var standard = new PriceList { Name = "2026 标准价格表", Scope = PriceListScope.Standard, ValidFrom = year, ValidTo = year.AddYears(1).AddDays(-1), CreatedAt = now, UpdatedAt = now };
        db.Add(standard);
        db.AddRange(products.Select(p => new PriceListItem { PriceListId = standard.Id, ProductId = p.Id, UnitPrice = p.ListPrice }));

        var groups = new Dictionary<string, PriceGroup>();
        foreach (var (name, percent, tiers) in Groups)
        {
            var group = groups[name] = new PriceGroup { Name = name };
            db.Add(group);
            var list = new PriceList
            {
                Name = $"{name} 2026 价格表", Scope = PriceListScope.Group, PriceGroupId = group.Id, ValidFrom = year, ValidTo = year.AddYears(1).AddDays(-1),
                CreatedAt = now, UpdatedAt = now,
            };
            db.Add(list);
            foreach (var p in products)
            {
                db.Add(new PriceListItem { PriceListId = list.Id, ProductId = p.Id, MinQuantity = 1, UnitPrice = Money.Round(p.ListPrice.Amount * percent) });
                foreach (var (from, off) in tiers)
                    db.Add(new PriceListItem { PriceListId = list.Id, ProductId = p.Id, MinQuantity = from, UnitPrice = Money.Round(p.ListPrice.Amount * (percent - off)) });
            }
        }

        // Demo customers by industry: device and distribution companies are dealers (the first third first-tier), hospitals and shops theirs.
        var staff = (await users.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal) || u.Email.StartsWith("manager", StringComparison.Ordinal)).ToList();
        var demoCustomers = new List<CustomerRef>();
        foreach (var user in staff)
            demoCustomers.AddRange(await customers.OwnedBy(user.Id).OrderBy(c => c.Name).Take(30).ToListAsync(ct));
        var dealers = demoCustomers.Where(c => c.Industry is "医疗器械" or "分销").DistinctBy(c => c.Id).ToList();
        var members = new Dictionary<Guid, PriceGroup>();
        for (var i = 0; i < dealers.Count; i++) members[dealers[i].Id] = groups[i % 3 == 0 ? "一级经销商" : "二级经销商"];
        foreach (var c in demoCustomers.Where(c => c.Industry == "医院")) members[c.Id] = groups["医院"];
        foreach (var c in demoCustomers.Where(c => c.Industry == "零售")) members[c.Id] = groups["零售"];
        db.AddRange(members.Select(m => new PriceGroupMember { CustomerId = m.Key, PriceGroupId = m.Value.Id }));

        if (dealers.FirstOrDefault() is { } key)
        {
            var own = new PriceList
            {
                Name = $"{key.Name} 2026 专属价格表", Scope = PriceListScope.Customer, CustomerId = key.Id, ValidFrom = year, ValidTo = year.AddYears(1).AddDays(-1),
                CreatedAt = now, UpdatedAt = now,
            };
            db.Add(own);
            foreach (var p in products.Where(p => p.Sku.StartsWith("US-", StringComparison.Ordinal) || p.Sku.StartsWith("PM-", StringComparison.Ordinal)))
            {
                db.Add(new PriceListItem { PriceListId = own.Id, ProductId = p.Id, MinQuantity = 1, UnitPrice = Money.Round(p.ListPrice.Amount * 0.74m) });
                db.Add(new PriceListItem { PriceListId = own.Id, ProductId = p.Id, MinQuantity = 5, UnitPrice = Money.Round(p.ListPrice.Amount * 0.70m) });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
