using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>
/// bUnit tests of the customer list for roles whose reading is limited by a rule (ADR 0070): an empty list says which
/// rule keeps the customers out, instead of "no customers match"; and a search in the address (<c>?q=</c>).
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

    [Fact]
    public async Task A_link_with_a_search_opens_the_list_searched_and_a_new_search_goes_into_the_address()
    {
        var word = new string(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());
        var wanted = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"链接{word}科技有限公司"), duplicatesConfirmed: true, default));
        await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, $"别的{word}贸易有限公司"), duplicatesConfirmed: true, default));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"/customers?q={Uri.EscapeDataString(wanted.Name)}");

        var page = Render<CustomerList>();
        page.WaitForAssertion(() => page.FindAll(".customer-link").Select(a => a.TextContent).Should().Equal(wanted.Name));
        page.Find(".customer-search input").GetAttribute("value").Should().Be(wanted.Name);

        page.Find(".customer-search input").Input($"别的{word}");
        page.WaitForAssertion(() => page.FindAll(".customer-link").Select(a => a.TextContent).Should().Equal($"别的{word}贸易有限公司"), TimeSpan.FromSeconds(30));
        Uri.UnescapeDataString(new Uri(navigation.Uri).Query).Should().Be($"?q=别的{word}");
    }

    [Fact]
    public async Task A_customer_a_service_agent_looked_up_and_opened_is_among_their_recent_customers()
    {
        var customer = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization,
            ApiHelpers.Unique("来电客户")), duplicatesConfirmed: true, default));
        await ActAs(Roles.ServiceAgent);
        (await Run<GetCustomer, CustomerDto>(h => h.Handle(customer.Id, default))).Id.Should().Be(customer.Id, "an agent opens a customer they looked up");
        await Run<RecentCustomers, bool>(async h => { await h.Record(customer.Id, default); return true; });

        var recent = await Run<RecentCustomers, IReadOnlyList<RecentCustomers.Item>>(h => h.List(8, default));
        recent.Select(r => r.Id).Should().Equal([customer.Id], "the home page lists what the agent opened, not only their own records");
    }
}
