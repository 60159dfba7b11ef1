using System.Globalization;
using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Opportunities.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;

namespace Keqing.Tests.Ui;

/// <summary>The forecast page (figures per team → rep, click-through) and the recommendation table with one-click assign, as an admin.</summary>
public sealed class ForecastUiTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly OpportunityData data;

    public ForecastUiTests(SqliteApp app) : base(app)
    {
        this.app = app;
        data = new OpportunityData(app);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private Guid AdminId => Guid.Parse(Admin.FindFirst(ClaimTypes.NameIdentifier)!.Value);

    [Fact]
    public async Task The_page_shows_this_quarters_figures_and_the_opportunities_behind_one()
    {
        var quarter = ForecastPeriod.QuarterOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        await data.Add(rep.Id, team.Id, 1234.56m, 50, expectedClose: quarter.From.AddDays(3));
        await data.Add(rep.Id, team.Id, 0.01m, 50, expectedClose: quarter.From.AddDays(4));

        var page = Render<ForecastPage>();
        page.WaitForAssertion(() => page.FindAll(".forecast-team").Should().Contain(r => r.TextContent.Contains(team.Name)));
        var row = page.FindAll(".forecast-rep").Single(r => r.TextContent.Contains(rep.DisplayName));
        row.QuerySelector(".forecast-pipeline")!.TextContent.Should().Be(OpportunityText.Money(Money.Of(1234.57m)));
        row.QuerySelector(".forecast-weighted")!.TextContent.Should().Be("¥617.29", "617.285 rounded once");

        page.FindAll(".forecast-rep").Single(r => r.TextContent.Contains(rep.DisplayName)).QuerySelector(".forecast-pipeline")!.Click();
        page.WaitForAssertion(() => page.FindAll(".forecast-behind .forecast-opportunity").Should().HaveCount(2));
    }

    [Fact]
    public async Task The_recommendation_table_shows_the_parts_and_assigns_with_one_click()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var deal = await data.Add(AdminId, null, 300_000m);

        var table = Render<RecommendedReps>(p => p.Add(r => r.OpportunityId, deal));
        table.WaitForAssertion(() => table.FindAll(".rep-name").Should().Contain(n => n.TextContent == rep.DisplayName));
        table.Find(".recommended-formula").TextContent.Should().Contain("(赢单数 + 5 × 团队赢率)");
        var row = table.FindAll("tr").Single(r => r.TextContent.Contains(rep.DisplayName));
        row.QuerySelector(".rep-open")!.TextContent.Should().Contain("15");
        row.QuerySelector(".rep-assign")!.Click();
        table.WaitForAssertion(() => table.FindAll("tr").Single(r => r.TextContent.Contains(rep.DisplayName)).QuerySelector(".rep-owner").Should().NotBeNull());
    }
}
