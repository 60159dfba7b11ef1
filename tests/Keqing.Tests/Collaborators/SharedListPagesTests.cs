using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Pages;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;
using MudBlazor;

namespace Keqing.Tests.Collaborators;

/// <summary>
/// The 共享给我的 switch of the lead list and button of the case list, in zh-CN (SQLite test host, acting as the first
/// admin, who sees every record but lists only those shared with them there).
/// </summary>
public sealed class SharedListPagesTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public SharedListPagesTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private Guid AdminId => Guid.Parse(Admin.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static async Task<Guid> Created(Task<HttpResponseMessage> post)
    {
        var response = await post;
        await response.ShouldBe(201);
        return (await response.Read<IdOnly>()).Id;
    }

    [Fact]
    public async Task The_lead_list_switches_to_the_leads_shared_with_me()
    {
        var admin = await app.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep, (await admin.CreateTeam()).Id);
        var repClient = await app.ClientFor(rep.Email);
        var (sharedName, otherName) = (ApiHelpers.Unique("共享线索"), ApiHelpers.Unique("未共享线索"));
        var shared = await Created(repClient.PostAsJsonAsync("/api/leads", new { name = sharedName }, ApiHelpers.Json));
        await Created(repClient.PostAsJsonAsync("/api/leads", new { name = otherName }, ApiHelpers.Json));
        await Created(repClient.PostAsJsonAsync($"/api/leads/{shared}/collaborators", new { userId = AdminId }, ApiHelpers.Json));

        var page = Render<LeadList>();
        page.WaitForAssertion(() => page.Markup.Should().Contain(otherName), TimeSpan.FromSeconds(10));
        var toggle = page.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Class!.Contains("filter-shared", StringComparison.Ordinal));
        toggle.Markup.Should().Contain("共享给我的");
        await page.InvokeAsync(() => toggle.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => page.Markup.Should().Contain(sharedName).And.NotContain(otherName), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_case_list_has_a_shared_with_me_view()
    {
        var admin = await app.AdminClient();
        var agentUser = await admin.CreateUser(Roles.ServiceAgent, (await admin.CreateTeam()).Id);
        var agent = await app.ClientFor(agentUser.Email);
        var customer = await admin.NewCustomer();
        var shared = await agent.NewCase(customer.Id, subject: ApiHelpers.Unique("共享工单"));
        var other = await agent.NewCase(customer.Id, subject: ApiHelpers.Unique("未共享工单"));
        await Created(agent.PostAsJsonAsync($"/api/cases/{shared.Id}/collaborators", new { userId = AdminId, access = "write" }, ApiHelpers.Json));

        var page = Render<CasesPage>();
        page.WaitForElement(".cases-shared").TextContent.Should().Contain("共享给我的");
        page.Find(".cases-shared").Click();
        page.WaitForAssertion(() => page.Markup.Should().Contain(shared.Subject).And.NotContain(other.Subject), TimeSpan.FromSeconds(10));
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }

    private sealed record IdOnly(Guid Id);
}
