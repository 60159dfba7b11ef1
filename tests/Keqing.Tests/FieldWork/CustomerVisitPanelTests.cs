using Bunit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.FieldWork.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Features;
using Keqing.Modules.FieldWork.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// The check-in panel on the customer page, on the real handlers: the browser is asked for the place only with the
/// consent box ticked, and the place is stored with the visit; without consent nothing is asked nor stored; a refusal
/// leaves no visit and says what to do; check-out closes the visit. (One admin: each test ends checked out.)
/// </summary>
public sealed class CustomerVisitPanelTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private const string Script = "./Modules/FieldWork/Pages/NearbyPage.razor.js";
    private readonly KeqingApp host = app;

    [Fact]
    public async Task With_consent_the_browsers_place_is_stored_with_the_check_in_and_check_out_closes_the_visit()
    {
        var customer = await (await host.AdminClient()).NewCustomer();
        JSInterop.SetupModule(Script).Setup<CustomerVisitPanel.Position>("locate")
            .SetResult(new CustomerVisitPanel.Position(true, 31.2304161, 121.4737012, 25, null));
        var panel = Render<CustomerVisitPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        panel.WaitForElement(".customer-visit-check-in");

        panel.Find(".customer-visit-consent input").Change(true);
        panel.Find(".customer-visit-check-in").Click();
        panel.WaitForElement(".customer-visit-open");
        var open = await Run<TeamDay, VisitDto?>(d => d.OpenVisit(default));
        open.Should().NotBeNull();
        // Stored as given (the admin's view masks where an employee was: read the row).
        var stored = await Stored(open!.Id);
        (stored.CustomerId, stored.Consent, stored.CheckInLat, stored.CheckInLng, stored.CheckInAccuracyM)
            .Should().Be((customer.Id, true, (double?)31.230416, (double?)121.473701, (double?)25));

        panel.Find(".customer-visit-notes textarea").Change("看了样机，下周报价");
        panel.Find(".customer-visit-check-out").Click();
        panel.WaitForElement(".customer-visit-check-in");
        var done = await Run<VisitNotes, VisitDto>(v => v.Get(open.Id, default));
        done.CheckOutAt.Should().NotBeNull();
        done.Notes.Should().Be("看了样机，下周报价");
        (await Run<TeamDay, VisitDto?>(d => d.OpenVisit(default))).Should().BeNull();
    }

    [Fact]
    public async Task Without_consent_the_browser_is_not_asked_and_the_visit_has_no_place()
    {
        var customer = await (await host.AdminClient()).NewCustomer();
        var module = JSInterop.SetupModule(Script);
        module.Setup<CustomerVisitPanel.Position>("locate").SetResult(new CustomerVisitPanel.Position(true, 31.23, 121.47, 25, null));
        var panel = Render<CustomerVisitPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        panel.WaitForElement(".customer-visit-check-in").Click();
        panel.WaitForElement(".customer-visit-open");

        module.VerifyNotInvoke("locate");
        var stored = await Stored((await Run<TeamDay, VisitDto?>(d => d.OpenVisit(default)))!.Id);
        (stored.CustomerId, stored.Consent, stored.CheckInLat, stored.CheckInLng, stored.CheckInAccuracyM)
            .Should().Be((customer.Id, false, (double?)null, (double?)null, (double?)null));

        // Elsewhere, the open visit is named and no second check-in is offered.
        var other = await (await host.AdminClient()).NewCustomer();
        var elsewhere = Render<CustomerVisitPanel>(p => p.Add(x => x.CustomerId, other.Id));
        elsewhere.WaitForElement(".customer-visit-elsewhere").TextContent.Should().Contain(customer.Name);
        elsewhere.FindAll(".customer-visit-check-in").Should().BeEmpty();

        panel.Find(".customer-visit-check-out").Click();
        panel.WaitForElement(".customer-visit-check-in");
    }

    [Fact]
    public async Task A_refused_location_leaves_no_visit_and_says_how_to_go_on()
    {
        var customer = await (await host.AdminClient()).NewCustomer();
        JSInterop.SetupModule(Script).Setup<CustomerVisitPanel.Position>("locate")
            .SetResult(new CustomerVisitPanel.Position(false, 0, 0, 0, "denied"));
        var panel = Render<CustomerVisitPanel>(p => p.Add(x => x.CustomerId, customer.Id));
        panel.WaitForElement(".customer-visit-check-in");

        panel.Find(".customer-visit-consent input").Change(true);
        panel.Find(".customer-visit-check-in").Click();
        panel.WaitForElement(".customer-visit-problem").TextContent.Should().Contain("check in without storing your location");
        (await Run<TeamDay, VisitDto?>(d => d.OpenVisit(default))).Should().BeNull();
    }

    private async Task<Visit> Stored(Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Visit>().AsNoTracking().SingleAsync(v => v.Id == id);
    }
}
