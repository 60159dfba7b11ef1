using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Pages;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// The technician's dispatch list (今日派工) as a phone shows it: the dispatched case's customer, number and note; check in
/// from the card; the result needs an outcome before it is logged.
/// </summary>
public sealed class MyDispatchesPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_technician_sees_the_dispatch_checks_in_from_it_and_is_asked_for_the_outcome()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var technician = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var customer = await admin.NewCustomer();
        var repair = await admin.NewCase(customer.Id, "repair");
        var from = DateTime.UtcNow.AddHours(1);
        await (await admin.PostAsJsonAsync($"/api/cases/{repair.Id}/dispatch",
            new { technicianId = technician.Id, from, to = from.AddHours(2), note = "三楼放射科" }, ApiHelpers.Json)).ShouldBe(201);
        Service<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, technician.Id.ToString()), new Claim(ClaimTypes.Role, Roles.ServiceAgent)], "test"));

        var page = Render<MyDispatchesPage>();
        page.WaitForAssertion(() => page.Find(".dispatch-card").TextContent.Should().Contain(customer.Name).And.Contain(repair.Number).And.Contain("三楼放射科"),
            TimeSpan.FromSeconds(20));
        page.Find(".dispatch-check-in").Click();
        page.WaitForAssertion(() => page.FindAll(".dispatch-log").Should().ContainSingle(), TimeSpan.FromSeconds(20));
        var open = await (await app.ClientFor(technician.Email)).GetFromJsonAsync<VisitDto>("/api/visits/open", ApiHelpers.Json);
        open!.CustomerId.Should().Be(customer.Id, "the check-in is at the dispatch's customer");

        page.Find(".dispatch-log").Click();
        page.WaitForAssertion(() => page.Find(".dispatch-error").TextContent.Should().Contain("outcome"), TimeSpan.FromSeconds(20));
        page.FindAll(".dispatch-log").Should().ContainSingle("nothing was logged without an outcome");
    }
}
