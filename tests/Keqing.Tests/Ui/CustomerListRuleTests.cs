using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Ui;

/// <summary>
/// bUnit tests of the customer list for roles whose reading is limited by a rule (ADR 0070): an empty list says which
/// rule keeps the customers out, instead of "no customers match".
/// </summary>
public sealed class CustomerListRuleTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    /// <summary>Acts as a new user of this role in every operation the page runs.</summary>
    private async Task ActAs(string role)
    {
        var user = await (await host.AdminClient()).CreateUser(role);
        Service<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Role, role)], "test"));
    }

    [Fact]
    public async Task A_service_agent_is_told_to_search_by_full_number_email_or_name()
    {
        await ActAs(Roles.ServiceAgent);
        var page = Render<CustomerList>();
        page.WaitForAssertion(() => page.Find(".customer-read-rule").TextContent
            .Should().Contain("By the rules, you can only find customers by their full phone number, email or name."));
    }

    [Fact]
    public async Task A_marketer_is_told_they_see_only_whom_they_may_market_to()
    {
        await ActAs(Roles.Marketer);
        var page = Render<CustomerList>();
        page.WaitForAssertion(() => page.Find(".customer-read-rule").TextContent.Should().Contain("those you may market to"));
    }

    [Fact]
    public void An_admin_with_nothing_matching_reads_the_plain_message()
    {
        var page = Render<CustomerList>();
        page.WaitForElement(".customer-search input").Input("没有这个客户" + Guid.NewGuid().ToString("N"));
        page.WaitForAssertion(() => page.Find(".no-customers").TextContent.Should().Contain("No customers match."), TimeSpan.FromSeconds(30));
        page.FindAll(".customer-read-rule").Should().BeEmpty();
    }
}
