using System.Globalization;
using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using MudBlazor;

namespace Keqing.Tests.Pools;

/// <summary>
/// The pool settings page (公海设置) in zh-CN on the real handlers: the API's field errors at their fields (the pool's and
/// a rule's), members picked as users and teams with a pool administrator, a rule per grade; a pool still holding
/// customers is not deleted and the page says why, an empty one goes.
/// </summary>
public sealed class PoolsAdminPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task An_admin_sees_the_field_errors_in_chinese_then_creates_a_pool_with_a_team_a_pool_administrator_and_a_rule()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var admin = await host.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var name = ApiHelpers.Unique("华东公海");

        var page = Render<PoolsAdmin>();
        page.WaitForAssertion(() => page.Find(".pool-new"));
        page.Find(".pool-new").Click();
        page.Find(".pool-name input").Change(name);
        page.Find(".pool-quota input").Change("5000");
        page.Find(".pool-rule-follow-up input").Change("");
        page.Find(".pool-save").Click();
        page.WaitForAssertion(() =>
        {
            page.Find(".pool-editor").TextContent.Should().Contain("请填写 0 到 1000 之间的整数。");
            page.Find(".pool-rule-error").TextContent.Should().Contain("请填写未跟进天数、未成交天数，或两者都填。");
        });

        page.Find(".pool-quota input").Change("5");
        page.Find(".pool-rule-follow-up input").Change("15");
        var pickers = page.FindComponents<MudSelect<Guid?>>();
        await page.InvokeAsync(() => pickers[0].Instance.ValueChanged.InvokeAsync(rep.Id));
        await page.InvokeAsync(() => pickers[1].Instance.ValueChanged.InvokeAsync(team.Id));
        page.FindAll(".pool-member").Select(m => m.TextContent).Should().Contain(t => t.Contains(rep.DisplayName))
            .And.Contain(t => t.Contains(team.Name));
        var administrator = page.FindComponents<MudCheckBox<bool>>().First(c => c.Instance.Class!.Contains("pool-member-admin"));
        await page.InvokeAsync(() => administrator.Instance.ValueChanged.InvokeAsync(true));
        page.Find(".pool-save").Click();

        page.WaitForAssertion(() => page.Find(".pools-admin").TextContent.Should().Contain(name).And.Contain("15 天未跟进"));
        page.FindAll(".pool-editor").Should().BeEmpty();
        var pool = (await (await admin.GetAsync("/api/pools")).Read<List<PoolDto>>()).Single(p => p.Name == name);
        (pool.DailyClaimQuota, pool.ReclaimWaitDays).Should().Be((5, 30));
        pool.Members.Should().BeEquivalentTo([new PoolMemberInput(rep.Id, null, true), new PoolMemberInput(null, team.Id, false)]);
        pool.Rules.Should().ContainSingle().Which.Should().Be(new PoolRuleInput(null, 15, null, true, 3));
    }

    [Fact]
    public async Task A_pool_holding_customers_stays_with_the_reason_shown_and_an_empty_one_is_deleted()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var admin = await host.AdminClient();
        async Task<PoolDto> NewPool(string name)
        {
            var response = await admin.PostAsJsonAsync("/api/pools", new PoolInput(name, 5, 30, [], []), ApiHelpers.Json);
            await response.ShouldBe(201);
            return await response.Read<PoolDto>();
        }
        var holding = await NewPool(ApiHelpers.Unique("有客户的公海"));
        var empty = await NewPool(ApiHelpers.Unique("空公海"));
        var customer = await admin.PostAsJsonAsync("/api/customers", new { kind = "organization", name = ApiHelpers.Unique("公海客户") }, ApiHelpers.Json);
        await customer.ShouldBe(201);
        var customerId = (await customer.Read<Keqing.Modules.Customers.Contracts.CustomerDto>()).Id;
        await (await admin.PostAsJsonAsync($"/api/customers/{customerId}/release", new ReleaseRequest(holding.Id, "不再跟进"), ApiHelpers.Json)).ShouldBe(200);

        var page = Render<PoolsAdmin>();
        AngleSharp.Dom.IElement Card(Guid id)
        {
            page.WaitForAssertion(() => page.FindAll($".pool-card[data-pool='{id}']").Should().ContainSingle());
            return page.Find($".pool-card[data-pool='{id}']");
        }
        Card(holding.Id).QuerySelector(".pool-delete")!.Click();
        page.WaitForAssertion(() => page.Find(".pool-problem").TextContent.Should().Contain("该公海中还有客户，请先分配出去再删除。"));
        page.FindAll($".pool-card[data-pool='{holding.Id}']").Should().ContainSingle();

        Card(empty.Id).QuerySelector(".pool-delete")!.Click();
        page.WaitForAssertion(() => page.FindAll($".pool-card[data-pool='{empty.Id}']").Should().BeEmpty());
        (await (await admin.GetAsync("/api/pools")).Read<List<PoolDto>>()).Select(p => p.Id).Should().Contain(holding.Id).And.NotContain(empty.Id);
    }
}
