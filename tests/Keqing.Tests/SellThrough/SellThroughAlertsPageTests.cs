using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.SellThrough.Contracts;
using Keqing.Modules.SellThrough.Domain;
using Keqing.Modules.SellThrough.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.SellThrough;

/// <summary>
/// The alerts page's "check now" against the real scan (SQLite, the real clock): an admin presses it and the falling
/// sell-out alert of last month is listed at once; a sales rep is not offered the button.
/// </summary>
public sealed class SellThroughAlertsPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Check_now_runs_the_scan_and_lists_the_new_alert()
    {
        var distributor = await (await app.AdminClient()).NewDistributor();
        var product = (await app.NewProducts(1))[0];
        var today = (await Service<ICompanyCalendar>().Current(default)).LocalDate(Service<TimeProvider>().GetUtcNow());
        var last = SellThroughMonth.Previous(SellThroughMonth.Of(today));
        var db = Service<KeqingDb>();
        db.AddRange(new[] { 100L, 80L, 60L, 40L }.Select((sales, i) => new SellThroughRow
        {
            DistributorId = distributor.Id, ProductId = product.Id, Month = SellThroughMonth.Add(last, i - 3), Opening = 0, Purchases = sales + 10,
            Sales = sales, Closing = 10, Balanced = true, Source = SellThroughSource.Api, ReportedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();

        Services.GetRequiredService<NavigationManager>().NavigateTo($"/sell-through/alerts?customerId={distributor.Id}");
        var page = Render<SellThroughAlertsPage>();
        page.FindAll(".sellthrough-alerts tbody tr td").Should().ContainSingle("the table says there are no alerts yet");
        page.Find(".sellthrough-scan").Click();

        page.WaitForAssertion(() => page.FindAll(".sellthrough-alerts tbody tr").Should().ContainSingle()
            .Which.TextContent.Should().Contain(distributor.Name).And.Contain(SellThroughMonth.Format(last)), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_sales_rep_is_not_offered_check_now()
    {
        var rep = await (await app.AdminClient()).CreateUser(Roles.SalesRep);
        Service<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, rep.Id.ToString()), new Claim(ClaimTypes.Role, Roles.SalesRep)], "test"));

        var page = Render<SellThroughAlertsPage>();
        page.FindAll(".sellthrough-scan").Should().BeEmpty();
    }
}
