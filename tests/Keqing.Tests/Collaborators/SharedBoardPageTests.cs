using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;
using MudBlazor;

namespace Keqing.Tests.Collaborators;

/// <summary>
/// The 共享给我的 switch of the opportunities page in its board view, in zh-CN (SQLite test host, acting as the first admin,
/// who sees every opportunity but has only those shared with them on the board with the switch on).
/// </summary>
public sealed class SharedBoardPageTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public SharedBoardPageTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private Guid AdminId => Guid.Parse(Admin.FindFirstValue(ClaimTypes.NameIdentifier)!);

    [Fact]
    public async Task The_board_switches_to_the_opportunities_shared_with_me()
    {
        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id)).Email);
        var pipeline = await admin.NewPipeline(("初步接触", 10, null), ("方案报价", 60, null));
        var customer = await rep.NewCustomer();
        var shared = await rep.NewOpportunity(customer.Id, pipeline.Id, 30_000m);
        var other = await rep.NewOpportunity(customer.Id, pipeline.Id, 40_000m);
        await (await rep.PostAsJsonAsync($"/api/opportunities/{shared.Id}/collaborators", new { userId = AdminId }, ApiHelpers.Json)).ShouldBe(201);

        var page = Render<OpportunityBoardPage>();
        page.WaitForElement(".filter-pipeline");
        var select = page.FindComponents<MudSelect<Guid?>>().Single(s => s.Instance.Class!.Contains("filter-pipeline", StringComparison.Ordinal));
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(pipeline.Id));
        page.WaitForAssertion(() => page.Markup.Should().Contain(shared.Name).And.Contain(other.Name), TimeSpan.FromSeconds(10));

        var toggle = page.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Class!.Contains("filter-shared", StringComparison.Ordinal));
        toggle.Markup.Should().Contain("共享给我的");
        await page.InvokeAsync(() => toggle.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => page.Markup.Should().Contain(shared.Name).And.NotContain(other.Name), TimeSpan.FromSeconds(10));
        page.FindAll(".opportunity-board").Should().ContainSingle("the switch filters the board, it does not leave it for the list");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
