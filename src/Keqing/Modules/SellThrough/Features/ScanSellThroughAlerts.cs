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
/// day has come. Each hit becomes an alert once (distributor × product × month × kind), a task for the distributor's
/// owner (in the owner's language) and a notification to the owner and their manager.
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
        var settings = await settingsStore.Get(ct);
        var hits = await Find(month, settings.MonthsOfStockLimit, today.Day >= settings.ReportingDay, ct);
        var raised = (await db.Set<SellThroughAlert>().AsNoTracking().Where(a => a.Month == month)
            .Select(a => new { a.DistributorId, a.ProductId, a.Kind }).ToListAsync(ct))
            .Select(a => (a.DistributorId, a.ProductId, a.Kind)).ToHashSet();
        var fresh = hits.Where(h => !raised.Contains((h.DistributorId, h.ProductId, h.Kind))).ToList();
        if (fresh.Count == 0) return 0;

        var distributors = await customers.Find(fresh.Select(h => h.DistributorId).Distinct(), ct);
        var managers = await users.ManagersOf(distributors.Values.Select(c => c.OwnerId).Distinct(), ct);
        var count = 0;
        foreach (var hit in fresh)
        {
            if (!distributors.TryGetValue(hit.DistributorId, out var distributor) || distributor.Archived) continue;
            await Raise(hit, month, distributor, managers.TryGetValue(distributor.OwnerId, out var m) ? m : null, ct);
            count++;
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
    /// Stores the alert, tells the owner and their manager, and gives the owner a task on the distributor, all in one
    /// save, in a scope acting as the owner (the task is theirs, on a customer they see).
    /// </summary>
    private async Task Raise(Hit hit, int month, CustomerSummary distributor, Guid? managerId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var roles = await users.RolesOf(distributor.OwnerId, ct);
        services.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.NameIdentifier, distributor.OwnerId.ToString())), "sellthrough-scan"));
        var scopeDb = services.GetRequiredService<KeqingDb>();
        var notifier = services.GetRequiredService<INotifier>();
        var tasks = services.GetRequiredService<ISubjectTasks>();
        var product = hit.ProductId == Guid.Empty ? null
            : (await services.GetRequiredService<IProductCatalog>().Get([hit.ProductId], ct)).GetValueOrDefault(hit.ProductId);
        var now = clock.GetUtcNow().UtcDateTime;

        var alert = new SellThroughAlert
        {
            DistributorId = hit.DistributorId, ProductId = hit.ProductId, Month = month, Kind = hit.Kind,
            MonthsOfStock = hit.MonthsOfStock, OwnerId = distributor.OwnerId, CreatedAt = now,
        };
        scopeDb.Add(alert);
        var (title, body) = Texts(hit.Kind);
        object[] args = [distributor.Name, product?.Name ?? "", SellThroughMonth.Format(month), hit.MonthsOfStock?.ToString("0.##", CultureInfo.InvariantCulture) ?? "∞"];
        var link = hit.ProductId == Guid.Empty ? $"/sell-through/alerts?customerId={hit.DistributorId}"
            : $"/sell-through/trend?customerId={hit.DistributorId}&productId={hit.ProductId}";
        foreach (var recipient in new[] { distributor.OwnerId, managerId ?? Guid.Empty }.Where(r => r != Guid.Empty).Distinct())
            await notifier.Notify(new NotificationRequest(EventTypes.SellThroughAlert, recipient, title, body, link, args), ct);

        // The task's title is stored text, read by its owner: written in the owner's language, as their notification is.
        var ownerCulture = await services.GetRequiredService<IUserCultures>().Of(distributor.OwnerId, ct);
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = ownerCulture;
        try
        {
            var l = services.GetRequiredService<IStringLocalizer<SellThroughResource>>();
            // Clipped to what a task's title holds: a long distributor and product name must not cost the owner the task.
            var taskTitle = string.Format(CultureInfo.CurrentCulture, l[title].Value, args);
            if (taskTitle.Length > MaxTaskTitle) taskTitle = taskTitle[..(MaxTaskTitle - 1)] + "…";
            var task = await tasks.Create(new TaskInput(taskTitle, now.AddDays(3),
                distributor.OwnerId, CustomerId: distributor.Id, Notes: string.Format(CultureInfo.CurrentCulture, l[body].Value, args)), ct);
            alert.TaskId = task.Id;
        }
        catch (ValidationFailedException)
        {
            // The owner may not hold a task (inactive): the alert and the notifications still count.
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
        await scopeDb.SaveChangesAsync(ct);
    }

    private const int MaxTaskTitle = 200;

    private static (string Title, string Body) Texts(SellThroughAlertKind kind) => kind switch
    {
        SellThroughAlertKind.FallingSales => ("Sell-out falling: {0} · {1}", "{0}: sales of {1} fell three months in a row up to {2}."),
        SellThroughAlertKind.StockPiling => ("Stock piling up: {0} · {1}", "{0}: {3} months of stock of {1} in {2}, above the limit."),
        _ => ("No sales report: {0}", "{0} has not reported its sales of {2} yet."),
    };
}
