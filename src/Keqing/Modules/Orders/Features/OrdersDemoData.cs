using Bogus;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Orders.Contracts;
using Keqing.Modules.Orders.Domain;
using Keqing.Modules.Products.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Orders.Features;

/// <summary>
/// Orders of the demo customers over the last 18 months for <c>--seed-demo</c>: a few per customer, each line priced
/// through the price resolver from the demo price lists (products are seeded at order 50; without products, no orders).
/// Most are delivered, some shipped or confirmed, a few cancelled (their lines do not count).
/// </summary>
public sealed class OrdersDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, IProductCatalog catalog,
    IPriceResolver prices, TimeProvider clock) : IDemoSeeder
{
    public int Order => 65;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Order>().AnyAsync(ct)) return;
        var products = (await catalog.Search(null, 200, ct)).Where(p => p.Cost.Currency == p.ListPrice.Currency).ToList();
        if (products.Count == 0) return;
        var staff = (await users.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal) || u.Email.StartsWith("manager", StringComparison.Ordinal)).ToList();
        var faker = new Faker("zh_CN") { Random = new Randomizer(20261204) };
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var serial = 0;
        foreach (var user in staff)
        {
            var owned = await customers.OwnedBy(user.Id).OrderBy(c => c.Name).Select(c => c.Id).Take(6).ToListAsync(ct);
            foreach (var customerId in owned)
            {
                var bought = faker.PickRandom(products, Math.Min(products.Count, 4)).ToList();
                for (var n = faker.Random.Int(2, 6); n > 0; n--)
                {
                    var date = today.AddDays(-faker.Random.Int(1, 540));
                    var lines = new List<OrderLine>();
                    string? currency = null;
                    foreach (var product in faker.PickRandom(bought, faker.Random.Int(1, bought.Count)))
                    {
                        var quantity = faker.Random.Int(1, 20);
                        var price = await prices.Resolve(customerId, product.Id, date, quantity, ct);
                        if (price is null || (currency ??= price.UnitPrice.Currency) != price.UnitPrice.Currency || product.Cost.Currency != currency) continue;
                        var net = price.UnitPrice * (long)quantity;
                        lines.Add(new OrderLine
                        {
                            LineNo = lines.Count + 1, ProductId = product.Id, Quantity = quantity, NetAmount = net,
                            TaxAmount = Money.Round(net.Amount * product.VatRatePercent / 100m, currency), UnitCost = product.Cost,
                            VatRatePercent = product.VatRatePercent,
                        });
                    }
                    if (lines.Count == 0) continue;
                    var created = date.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc).AddMinutes(faker.Random.Int(0, 480));
                    var order = new Order
                    {
                        Number = $"SO-{date:yyyyMMdd}-D{++serial:D7}", CustomerId = customerId, OrderDate = date, Currency = currency!,
                        OwnerId = user.Id, TeamId = user.TeamId, CreatedAt = created, UpdatedAt = created,
                        Status = (today.DayNumber - date.DayNumber, serial % 11) switch
                        {
                            (_, 7) => OrderStatus.Cancelled,
                            ( < 7, _) => OrderStatus.Confirmed,
                            ( < 20, _) => OrderStatus.Shipped,
                            _ => OrderStatus.Delivered,
                        },
                    };
                    if (order.Status is OrderStatus.Shipped or OrderStatus.Delivered) order.ShippedAt = created.AddDays(2);
                    if (order.Status is OrderStatus.Delivered) order.DeliveredAt = created.AddDays(5);
                    if (order.Status is OrderStatus.Cancelled) order.CancelledAt = created.AddDays(1);
                    OrderTotals.Apply(order, lines);
                    db.Add(order);
                    db.AddRange(lines);
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
