using System.Net;
using System.Security.Claims;
using Bunit;
using Keqing.Components.Pages;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Domain;
using Keqing.Modules.Identity.Features;
using Keqing.Modules.Identity.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>
/// The home page as each role starts the day (today, notifications, recently opened customers), changing one's own
/// password under the policy, and the pages for an unknown address and for a page one's role does not allow.
/// </summary>
public sealed class HomeAndAccountUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    /// <summary>A new employee of the role; the pages and handlers act as them from here on.</summary>
    private async Task<UserDto> ActAs(string role)
    {
        var email = ApiHelpers.Unique(role.ToLowerInvariant()) + "@keqing.local";
        var user = await Run<CreateUser, UserDto>(h => h.Handle(new CreateUser.Request(email, "测试" + role, KeqingApp.Password, [role], null), default));
        Service<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Role, role)], "test"));
        return user;
    }

    [Fact]
    public async Task The_home_page_shows_today_with_counts_and_the_customers_opened_lately()
    {
        var customer = await Run<SaveCustomer, CustomerDto>(h => h.Create(new CustomerInput(CustomerKind.Organization, ApiHelpers.Unique("首页客户")), duplicatesConfirmed: true, default));
        var detail = Render<CustomerDetail>(p => p.Add(x => x.Id, customer.Id));
        detail.WaitForElement(".customer-title");

        var home = Render<Home>();
        home.WaitForAssertion(() => home.Find(".recent-customers .recent-customer-link").TextContent.Should().Be(customer.Name));
        home.Find(".recent-customer-link").GetAttribute("href").Should().Be($"/customers/{customer.Id}");
        home.Find(".today-card .count-tasks").GetAttribute("href").Should().Be("/me/day");
        home.Find(".today-card .count-customers-due").GetAttribute("href").Should().Be("/me/day#customers-due");
        home.Find(".home-notifications .count-notifications").GetAttribute("href").Should().Be("/notifications");
    }

    [Theory]
    [InlineData(Roles.ServiceAgent)]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.Analyst)]
    public async Task Every_role_gets_a_home_page_that_is_neither_empty_nor_broken(string role)
    {
        await ActAs(role);
        var home = Render<Home>();
        home.WaitForAssertion(() => home.Find(".today-card .today-clear").TextContent.Should().NotBeEmpty());
        home.Find(".recent-customers .recent-none").TextContent.Should().NotBeEmpty();
        home.Find(".home-notifications .count-notifications").TextContent.Should().Be("0");
    }

    [Fact]
    public async Task A_user_changes_their_own_password_and_the_policy_speaks_its_rules()
    {
        var user = await ActAs(Roles.SalesRep);
        var page = Render<MyAccount>();
        page.WaitForElement(".save-password");
        page.Find(".current-password input").Change("wrong-password-1");
        page.Find(".new-password input").Change("abc");
        page.Find(".confirm-password input").Change("abd");
        page.Find(".save-password").Click();
        page.WaitForAssertion(() => page.Find(".current-password .mud-input-helper-text").TextContent.Should().NotBeEmpty());
        page.Find(".confirm-password .mud-input-helper-text").TextContent.Should().NotBeEmpty();
        page.Find(".new-password .mud-input-helper-text").TextContent.Should().NotBeEmpty("the policy says what a password needs");

        page.Find(".current-password input").Change(KeqingApp.Password);
        page.Find(".new-password input").Change("New-password-2027");
        page.Find(".confirm-password input").Change("New-password-2027");
        page.Find(".save-password").Click();
        page.WaitForElement(".password-changed");
        var users = Service<UserManager<User>>();
        var stored = await users.FindByIdAsync(user.Id.ToString());
        (await users.CheckPasswordAsync(stored!, "New-password-2027")).Should().BeTrue();
        (await users.CheckPasswordAsync(stored!, KeqingApp.Password)).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_address_leads_a_browser_to_the_ui_404_page_and_the_api_keeps_problem_details()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var unknown = await client.GetAsync("/no-such-page");
        unknown.StatusCode.Should().Be(HttpStatusCode.Redirect);
        unknown.Headers.Location!.OriginalString.Should().Be("/not-found");
        var page = await client.GetAsync("/not-found");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var api = await (await app.AdminClient()).GetAsync("/api/no-such-endpoint");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        Render<NotFoundPage>().Find(".go-home").GetAttribute("href").Should().Be("/");
    }

    [Fact]
    public void A_page_the_role_does_not_allow_leads_to_no_access_not_silently_home()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        cookie.AccessDeniedPath.Value.Should().Be("/no-access");

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/no-access?ReturnUrl=%2Fadmin%2Fusers");
        var page = Render<NoAccessPage>();
        page.Find(".no-access-url").TextContent.Should().Be("/admin/users");
        page.Find(".go-home").GetAttribute("href").Should().Be("/");
        navigation.NavigateTo("/no-access?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        Render<NoAccessPage>().FindAll(".no-access-url").Should().BeEmpty();
    }
}
