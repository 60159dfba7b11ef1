using Bunit;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>The phone call page (来电建单): the caller's number finds the customer and their unresolved cases; a case in a few taps.</summary>
public sealed class PhoneCallPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    [Fact]
    public async Task A_caller_is_found_by_phone_with_their_open_cases_and_a_case_is_opened_from_the_call()
    {
        var admin = await host.AdminClient();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var customer = await CustomerApiTests.Create(admin, new { kind = "organization", name = ApiHelpers.Unique("来电医院"), phones = new[] { phone } });
        var open = await admin.NewCase(customer.Id, "complaint");

        var page = Render<PhoneCallPage>();
        page.Find(".call-phone input").Input(phone);
        page.Find("form").Submit();
        page.WaitForAssertion(() => page.Find(".call-caller").TextContent.Should().Contain(customer.Name).And.Contain(open.Number), TimeSpan.FromSeconds(30));

        page.Find(".call-subject input").Input("监护仪黑屏");
        page.WaitForAssertion(() => page.Find(".call-create").HasAttribute("disabled").Should().BeFalse());
        page.Find(".call-create").Click();
        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => navigation.Uri.Should().Contain("/cases/"), TimeSpan.FromSeconds(30));
        var created = await admin.Case(Guid.Parse(navigation.Uri.Split('/')[^1]));
        (created.Subject, created.Channel, created.CustomerId, created.Status).Should().Be(("监护仪黑屏", CaseChannel.Phone, customer.Id, CaseStatus.New));
    }

    [Fact]
    public void An_unknown_number_says_so()
    {
        var page = Render<PhoneCallPage>();
        page.Find(".call-phone input").Input("13000000000");
        page.Find("form").Submit();
        page.WaitForAssertion(() => page.FindAll(".call-unknown").Should().ContainSingle(), TimeSpan.FromSeconds(30));
    }
}
