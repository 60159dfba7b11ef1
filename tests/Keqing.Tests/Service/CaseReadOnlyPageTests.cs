using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>
/// The case page (/cases/{id}) for a read collaborator without the capability to work cases (a sales rep the case is
/// shared with, ADR 0110): the case, its conversation and facts in zh-CN, marked read-only, without reply, take, resolve,
/// close, merge, language or knowledge-base controls.
/// </summary>
public sealed class CaseReadOnlyPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task A_sales_rep_the_case_is_shared_with_reads_it_with_no_control_to_change_it()
    {
        var admin = await host.AdminClient();
        var rep = await admin.CreateUser(Roles.SalesRep);
        var customer = await admin.NewCustomer();
        var c = await admin.NewCase(customer.Id, "complaint", subject: "监护仪夜间误报警");
        await admin.Reply(c.Id, "您好，工程师明天上门检查。");
        await (await admin.PostAsJsonAsync($"/api/cases/{c.Id}/collaborators", new { userId = rep.Id }, ApiHelpers.Json)).ShouldBe(201);

        Service<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, rep.Id.ToString()), new Claim(ClaimTypes.Role, Roles.SalesRep)], "test"));
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var page = Render<CaseDetail>(p => p.Add(x => x.Id, c.Id));
            page.WaitForAssertion(() => page.Find(".case-title").TextContent.Should().Contain(c.Number).And.Contain("监护仪夜间误报警"), TimeSpan.FromSeconds(30));
            page.Find(".case-read-only").TextContent.Should().Contain("您可以查看此工单，由服务团队负责处理。");
            page.FindAll(".case-message").Should().Contain(m => m.TextContent.Contains("您好，工程师明天上门检查。"));
            foreach (var control in new[] { ".case-composer", ".case-take", ".case-resolve", ".case-close", ".case-reopen", ".case-merge-into", ".case-language" })
                page.FindAll(control).Should().BeEmpty($"a reader has no {control}");
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
