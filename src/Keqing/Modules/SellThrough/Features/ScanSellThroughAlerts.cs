using System.Globalization;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Notifications.Contracts;
using Keqing.Modules.Products.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Resources;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Finds what needs a look in last month's reports (last month in the company's business calendar zone), with set-based
/// queries that return only the hits: distributor × product whose sales fell three months in a row, whose months of
/// stock are above the limit, and distributors that reported the month before but not last month, once the reporting
/// day has come. Each hit becomes an alert once (distributor × product × month × kind); each distributor with new alerts
/// a task for its owner (in the owner's language); each owner one notification, and their manager one.
/// </summary>
public sealed class ScanSellThroughAlerts(KeqingDb db, IServiceScopeFactory scopes, ICompanyCalendar calendar, ICustomerDirectory customers,
    IUserDirectory users, SellThroughSettingsStore settingsStore, TimeProvider clock)
{
    /// <summary>A hit of the scan, before it is known whether it was raised already.</summary>
    public sealed record Hit(Guid DistributorId, Guid ProductId, SellThroughAlertKind Kind, decimal? MonthsOfStock);

    /// <summary>The month a scan now looks at: last month in the company's business calendar zone.</summary>
    public async Task<int> Month(CancellationToken ct) =>
        SellThroughMonth.Previous(SellThroughMonth.Of((await calendar.Current(ct)).LocalDate(clock.GetUtcNow())));

    /// <summary>Scans and raises the new alerts; returns how many were raised.</summary>
    public async Task<int> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = (await calendar.Current(ct)).LocalDate(now);
        var month = SellThroughMonth.Previous(SellThroughMonth.Of(today));
        return await RaiseNew(month, today.Day >= (await settingsStore.Get(ct)).ReportingDay, ct);
    }

    /// <summary>Finds the month's hits and raises those not raised yet; returns how many were raised.</summary>
    public async Task<int> RaiseNew(int month, bool reportingDayPassed, CancellationToken ct)
    {
        var settings = await settingsStore.Get(ct);
        var hits = await Find(month, settings.MonthsOfStockLimit, reportingDayPassed, ct);
        var raised = (await db.Set<SellThroughAlert>().AsNoTracking().Where(a => a.Month == month)
            .Select(a => new { a.DistributorId, a.ProductId, a.Kind }).ToListAsync(ct))
            .Select(a => (a.DistributorId, a.ProductId, a.Kind)).ToHashSet();
        var fresh = hits.Where(h => !raised.Contains((h.DistributorId, h.ProductId, h.Kind))).ToList();
        if (fresh.Count == 0) return 0;

        var distributors = await customers.Find(fresh.Select(h => h.DistributorId).Distinct(), ct);
        var managers = await users.ManagersOf(distributors.Values.Select(c => c.OwnerId).Distinct(), ct);
        var count = 0;
        foreach (var owner in fresh.Where(h => distributors.TryGetValue(h.DistributorId, out var d) && !d.Archived)
                     .GroupBy(h => distributors[h.DistributorId].OwnerId))
        {
            var ofOwner = owner.ToList();
            await RaiseForOwner(owner.Key, ofOwner, month, distributors, managers.TryGetValue(owner.Key, out var m) ? m : null, ct);
            count += ofOwner.Count;
        }
        return count;
    }

    /// <summary>
    /// The hits of a month: one grouped read of the month and the three before gives, per distributor × product, both
    /// trends at once (falling sales and piling stock) and returns only the groups that hit; a second read finds who fell
    /// silent. Conditional sums over the group rather than window functions (LAG): one hash aggregate, no sort of the
    /// months' rows, and the same answers, since there is at most one row per distributor × product × month.
    /// </summary>
    public async Task<List<Hit>> Find(int month, decimal limit, bool reportingDayPassed, CancellationToken ct)
    {
        var rows = db.Set<SellThroughRow>().AsNoTracking();
        var (m1, m2, m3) = (SellThroughMonth.Previous(month), SellThroughMonth.Add(month, -2), SellThroughMonth.Add(month, -3));

        // Piling: closing ÷ (recent sales ÷ recent months) > limit  ⇔  closing · months · 100 > limit·100 · sales, in whole numbers.
        var limitHundredths = (long)(limit * 100);
        var groups = await rows.Where(r => r.Month >= m3 && r.Month <= month)
            .GroupBy(r => new { r.DistributorId, r.ProductId })
            .Select(g => new
            {
                g.Key.DistributorId, g.Key.ProductId,
                Reported = g.Count(),
                S0 = g.Sum(r => r.Month == month ? r.Sales : 0),
                S1 = g.Sum(r => r.Month == m1 ? r.Sales : 0),
                S2 = g.Sum(r => r.Month == m2 ? r.Sales : 0),
                S3 = g.Sum(r => r.Month == m3 ? r.Sales : 0),
                RecentMonths = g.Sum(r => r.Month >= m2 ? 1 : 0),
                RecentSales = g.Sum(r => r.Month >= m2 ? r.Sales : 0),
                Closing = g.Sum(r => r.Month == month ? r.Closing : 0),
                InMonth = g.Sum(r => r.Month == month ? 1 : 0),
            })
            .Select(g => new
            {
                g.DistributorId, g.ProductId, g.RecentMonths, g.RecentSales, g.Closing,
                Falling = g.Reported == 4 && g.S0 < g.S1 && g.S1 < g.S2 && g.S2 < g.S3,
                Piling = g.InMonth == 1 && g.Closing > 0 && g.Closing * g.RecentMonths * 100 > limitHundredths * g.RecentSales,
            })
            .Where(g => g.Falling || g.Piling)
            .ToListAsync(ct);

        var hits = groups.Where(g => g.Falling).Select(g => new Hit(g.DistributorId, g.ProductId, SellThroughAlertKind.FallingSales, null))
            .Concat(groups.Where(g => g.Piling).Select(g => new Hit(g.DistributorId, g.ProductId, SellThroughAlertKind.StockPiling,
                StockMetrics.Cover(g.Closing, g.RecentSales, g.RecentMonths).Months)))
            .ToList();
        if (reportingDayPassed)
        {
            var silent = await rows.Where(r => r.Month == m1).Select(r => r.DistributorId).Distinct()
                .Where(d => !rows.Any(r => r.Month == month && r.DistributorId == d))
                .ToListAsync(ct);
            hits.AddRange(silent.Select(d => new Hit(d, Guid.Empty, SellThroughAlertKind.NotReported, null)));
        }
        return hits;
    }

    /// <summary>
    /// Raises one owner's new alerts in one transaction, in a scope acting as the owner (the tasks are theirs, on customers
    /// they see): every alert stored (bulk), one task per distributor (naming the product when it is the only one, else
    /// listing them), and one notification to the owner and one to their manager (the alert itself when there is only
    /// one, else a digest linking to the alert list). A month's first scan can find thousands of alerts: one task or
    /// notification per alert flooded the owners and took a scope and a save each.
    /// </summary>
    private async Task RaiseForOwner(Guid ownerId, List<Hit> hits, int month, IReadOnlyDictionary<Guid, CustomerSummary> distributors, Guid? managerId,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = await users.RolesOf(ownerId, ct);
        services.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, ownerId.ToString())), "sellthrough-scan"));
        var scopeDb = services.GetRequiredService<KeqingDb>();
        var notifier = services.GetRequiredService<INotifier>();
        var tasks = services.GetRequiredService<ISubjectTasks>();
        var products = await services.GetRequiredService<IProductCatalog>().Get(hits.Where(h => h.ProductId != Guid.Empty).Select(h => h.ProductId).Distinct().ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        object[] Args(Hit hit) => [distributors[hit.DistributorId].Name, products.GetValueOrDefault(hit.ProductId)?.Name ?? "", SellThroughMonth.Format(month),
            hit.MonthsOfStock?.ToString("0.##", CultureInfo.InvariantCulture) ?? "∞"];

        var strategy = scopeDb.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await scopeDb.Database.BeginTransactionAsync(ct);
            var alerts = new List<SellThroughAlert>(hits.Count);
            // The task's title is stored text, read by its owner: written in the owner's language, as their notification is.
            var ownerCulture = await services.GetRequiredService<IUserCultures>().Of(ownerId, ct);
            var culture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = ownerCulture;
            try
            {
                var l = services.GetRequiredService<IStringLocalizer<SellThroughResource>>();
                string Text(string key, object[] args) => string.Format(CultureInfo.CurrentCulture, l[key].Value, args);
                foreach (var group in hits.GroupBy(h => h.DistributorId))
                {
                    var ofDistributor = group.ToList();
                    var first = ofDistributor[0];
                    var lines = ofDistributor.Select(h => Text(Texts(h.Kind).Body, Args(h))).ToList();
                    var title = ofDistributor.Count == 1
                        ? Text(Texts(first.Kind).Title, Args(first))
                        : Text("Sell-through alerts: {0} · {1} items", [distributors[group.Key].Name, ofDistributor.Count]);
                    var notes = string.Join("\n", lines.Take(MaxTaskLines))
                        + (lines.Count > MaxTaskLines ? "\n" + Text("… and {0} more on the alert list.", [lines.Count - MaxTaskLines]) : "");
                    Guid? taskId = null;
                    try
                    {
                        // Clipped to what a task holds: a long distributor and product name must not cost the owner the task.
                        var task = await tasks.Create(new TaskInput(Clip(title, MaxTaskTitle), now.AddDays(3), ownerId, CustomerId: group.Key,
                            Notes: Clip(notes, MaxTaskNotes)), ct);
                        taskId = task.Id;
                    }
                    catch (ValidationFailedException)
                    {
                        // The owner may not hold a task (inactive): the alerts and the notifications still count.
                    }
                    scopeDb.ChangeTracker.Clear(); // saved: an owner of 2,000 distributors would otherwise drag 2,000 tracked tasks through every save
                    alerts.AddRange(ofDistributor.Select(h => new SellThroughAlert
                    {
                        DistributorId = h.DistributorId, ProductId = h.ProductId, Month = month, Kind = h.Kind,
                        MonthsOfStock = h.MonthsOfStock, OwnerId = ownerId, CreatedAt = now, TaskId = taskId,
                    }));
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = culture;
            }
            await BulkInsert.Rows(scopeDb, alerts, ct);

            NotificationRequest ToRecipient(Guid recipient)
            {
                if (hits.Count == 1)
                {
                    var hit = hits[0];
                    var (title, body) = Texts(hit.Kind);
                    var link = hit.ProductId == Guid.Empty ? $"/sell-through/alerts?customerId={hit.DistributorId}"
                        : $"/sell-through/trend?customerId={hit.DistributorId}&productId={hit.ProductId}";
                    return new NotificationRequest(EventTypes.SellThroughAlert, recipient, title, body, link, Args(hit));
                }
                return new NotificationRequest(EventTypes.SellThroughAlert, recipient, "{0} sell-through alerts on {1} distributors",
                    "Reports of {2}: sell-out falling, stock piling up or no report. Each distributor has a task.", "/sell-through/alerts",
                    [hits.Count, hits.Select(h => h.DistributorId).Distinct().Count(), SellThroughMonth.Format(month)]);
            }
            await notifier.NotifyMany(new[] { ownerId, managerId ?? Guid.Empty }.Where(r => r != Guid.Empty).Distinct().Select(ToRecipient).ToList(), ct);
            await scopeDb.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;

    private const int MaxTaskLines = 30;
    private const int MaxTaskNotes = 2000;
    private const int MaxTaskTitle = 200;

    private static (string Title, string Body) Texts(SellThroughAlertKind kind) => kind switch
    {
        SellThroughAlertKind.FallingSales => ("Sell-out falling: {0} · {1}", "{0}: sales of {1} fell three months in a row up to {2}."),
        SellThroughAlertKind.StockPiling => ("Stock piling up: {0} · {1}", "{0}: {3} months of stock of {1} in {2}, above the limit."),
        _ => ("No sales report: {0}", "{0} has not reported its sales of {2} yet."),
    };
}
