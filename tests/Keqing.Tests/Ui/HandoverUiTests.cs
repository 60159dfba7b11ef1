using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Features;
using Keqing.Modules.Timeline.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Keqing.Tests.Ui;

/// <summary>
/// bUnit tests of the hand-over page on the real handlers (SQLite): the pickers list only the sales and service staff
/// the caller may hand over from and to, and nothing moves before the user confirms a question that names the counts.
/// </summary>
public sealed class HandoverUiTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    private sealed record Staff(UserDto Manager, UserDto Rep, UserDto Heir, UserDto Analyst, UserDto Marketer, UserDto OtherRep);

    private async Task<Staff> Hire()
    {
        var admin = await host.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var other = await admin.CreateTeam();
        return new Staff(manager, await admin.CreateUser(Roles.SalesRep, team.Id), await admin.CreateUser(Roles.SalesRep, team.Id),
            await admin.CreateUser(Roles.Analyst, team.Id), await admin.CreateUser(Roles.Marketer, team.Id),
            await admin.CreateUser(Roles.SalesRep, other.Id));
    }

    /// <summary>The ids the From picker offers.</summary>
    private static List<Guid> Offered(IRenderedComponent<HandoverPage> page) =>
        page.FindComponents<MudSelectItem<Guid?>>().Select(i => i.Instance.Value).OfType<Guid>().Distinct().ToList();

    [Fact]
    public async Task The_pickers_offer_only_sales_and_service_staff_the_caller_may_act_for()
    {
        var s = await Hire();
        var page = Render<HandoverPage>();
        page.WaitForAssertion(() => Offered(page).Should().Contain([s.Rep.Id, s.Heir.Id, s.Manager.Id, s.OtherRep.Id]));
        Offered(page).Should().NotContain([s.Analyst.Id, s.Marketer.Id], "analysts and marketers work on no customers");
        var admins = await Service<IUserDirectory>().ActiveInRoles([Roles.Admin], default);
        Offered(page).Should().NotIntersectWith(admins.Select(a => a.Id), "nor do admins");

        // A manager is offered their own team only.
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, s.Manager.Id.ToString()), new Claim(ClaimTypes.Role, Roles.SalesManager)], "test"));
        var people = await scope.ServiceProvider.GetRequiredService<HandOver>().People(default);
        people.Select(p => p.Id).Should().BeEquivalentTo([s.Rep.Id, s.Heir.Id], "the manager, in no team, manages this team but is not in it");
    }

    [Fact]
    public async Task Hand_over_asks_first_with_the_counts_and_moves_nothing_until_confirmed()
    {
        var s = await Hire();
        var first = await Service<SaveCustomer>().Create(new CustomerInput(CustomerKind.Organization, "移交甲" + Guid.NewGuid().ToString("N")[..6], OwnerId: s.Rep.Id), duplicatesConfirmed: true, default);
        await Service<SaveCustomer>().Create(new CustomerInput(CustomerKind.Organization, "移交乙" + Guid.NewGuid().ToString("N")[..6], OwnerId: s.Rep.Id), duplicatesConfirmed: true, default);

        var dialogs = Render<MudDialogProvider>();
        var page = Render<HandoverPage>();
        page.WaitForAssertion(() => Offered(page).Should().Contain(s.Rep.Id));
        var from = page.FindComponent<MudSelect<Guid?>>();
        await page.InvokeAsync(() => from.Instance.ValueChanged.InvokeAsync(s.Rep.Id));
        var to = page.FindComponent<MudSelect<Guid>>();
        await page.InvokeAsync(() => to.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<Guid> { s.Heir.Id }));

        page.Find(".run-handover").Click();
        var question = dialogs.WaitForElement(".mud-message-box");
        question.TextContent.Should().Contain("Hand over 2 customers, 0 open tasks and 0 open commitments of")
            .And.Contain(s.Rep.DisplayName).And.Contain(s.Heir.DisplayName);
        dialogs.Find(".mud-message-box__cancel-button").Click();
        (await Service<ICustomerDirectory>().Find([first.Id], default))[first.Id].OwnerId.Should().Be(s.Rep.Id, "cancelled: nothing moved");

        page.Find(".run-handover").Click();
        dialogs.WaitForElement(".mud-message-box__yes-button").Click();
        page.WaitForAssertion(() => page.Find(".handover-result").TextContent.Should().Contain("Moved 2 customers"));
        (await Service<ICustomerDirectory>().Find([first.Id], default))[first.Id].OwnerId.Should().Be(s.Heir.Id);
    }

    [Fact]
    public void An_incomplete_request_shows_its_field_errors_without_asking()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<HandoverPage>();
        page.Find(".run-handover").Click();
        page.WaitForAssertion(() => page.Find(".handover-form").TextContent.Should().Contain("Choose the employee to hand over from."));
        dialogs.FindAll(".mud-message-box").Should().BeEmpty();
    }
}
