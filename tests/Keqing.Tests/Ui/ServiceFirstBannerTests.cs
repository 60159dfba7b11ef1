using System.Collections.Concurrent;
using Bunit;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Customers.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>Two contributors of open complaints, as a service module would register one.</summary>
public sealed class ServiceFirstApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Sqlite)
{
    public FakeOpenComplaints First { get; } = new();
    public FakeOpenComplaints Second { get; } = new();

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<IOpenComplaints>(First);
        services.AddSingleton<IOpenComplaints>(Second);
    });
}

/// <summary>A contributor answering from a dictionary the test fills.</summary>
public sealed class FakeOpenComplaints : IOpenComplaints
{
    public ConcurrentDictionary<Guid, List<OpenComplaint>> Open { get; } = new();

    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<OpenComplaint>>> Of(IReadOnlyCollection<Guid> customerIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<Guid, IReadOnlyList<OpenComplaint>>>(customerIds.Where(Open.ContainsKey)
            .ToDictionary(id => id, id => (IReadOnlyList<OpenComplaint>)Open[id]));
}

/// <summary>
/// The service-first banner (DOMAIN V6): it asks every registered <see cref="IOpenComplaints"/>, links each open
/// complaint of the customer, shows complaint text as text, and renders nothing when there is none.
/// </summary>
public sealed class ServiceFirstBannerTests(ServiceFirstApp app) : AdminUiContext(app), IClassFixture<ServiceFirstApp>
{
    private static OpenComplaint Complaint(Guid customerId, string subject) =>
        new(Guid.NewGuid(), customerId, subject, new DateTime(2026, 11, 30, 2, 0, 0, DateTimeKind.Utc), $"/cases/{Guid.NewGuid()}");

    [Fact]
    public void Nothing_is_shown_for_a_customer_without_open_complaints()
    {
        var customerId = Guid.NewGuid();
        app.First.Open[Guid.NewGuid()] = [Complaint(Guid.NewGuid(), "别的客户的投诉")];
        var banner = Render<ServiceFirstBanner>(p => p.Add(b => b.CustomerId, customerId));
        banner.WaitForAssertion(() => banner.Markup.Trim().Should().BeEmpty());
    }

    [Fact]
    public void Every_contributors_open_complaints_are_linked_in_one_warning()
    {
        var customerId = Guid.NewGuid();
        var first = Complaint(customerId, "设备安装延误");
        var second = Complaint(customerId, "发票开错");
        app.First.Open[customerId] = [first];
        app.Second.Open[customerId] = [second];
        var banner = Render<ServiceFirstBanner>(p => p.Add(b => b.CustomerId, customerId));
        banner.WaitForAssertion(() => banner.FindAll(".service-first-complaint a").Should().HaveCount(2));
        banner.Find(".service-first-banner").ClassList.Should().Contain("mud-alert-text-warning");
        banner.FindAll(".service-first-complaint a").Select(a => (a.TextContent, a.GetAttribute("href")))
            .Should().BeEquivalentTo([(first.Subject, first.Href), (second.Subject, second.Href)]);
        banner.FindAll(".service-first-complaint .local-time").Should().HaveCount(2);
    }

    [Fact]
    public void A_complaint_two_contributors_both_report_is_listed_once_and_counted_once_oldest_first()
    {
        var customerId = Guid.NewGuid();
        var shared = Complaint(customerId, "退货未处理");
        var older = Complaint(customerId, "维修超时") with { OpenedAt = shared.OpenedAt.AddDays(-3) };
        app.First.Open[customerId] = [shared];
        app.Second.Open[customerId] = [shared, older];
        var banner = Render<ServiceFirstBanner>(p => p.Add(b => b.CustomerId, customerId));
        banner.WaitForAssertion(() => banner.FindAll(".service-first-complaint a").Should().HaveCount(2));
        banner.FindAll(".service-first-complaint a").Select(a => a.TextContent).Should().Equal("维修超时", "退货未处理");
        banner.Find(".service-first-banner").TextContent.Should().Contain(" 2 ");
    }

    [Fact]
    public void Complaint_text_with_markup_is_shown_as_text()
    {
        var customerId = Guid.NewGuid();
        app.First.Open[customerId] = [Complaint(customerId, "<img src=x onerror=alert(1)><b>差评</b>")];
        var banner = Render<ServiceFirstBanner>(p => p.Add(b => b.CustomerId, customerId));
        banner.WaitForAssertion(() => banner.Find(".service-first-complaint a").TextContent.Should().Be("<img src=x onerror=alert(1)><b>差评</b>"));
        banner.FindAll(".service-first-banner img, .service-first-complaint b").Should().BeEmpty();
    }

    [Fact]
    public async Task The_customer_page_shows_the_warning_above_its_details()
    {
        var customer = await Run<SaveCustomer, CustomerDto>(h => h.Create(
            new CustomerInput(CustomerKind.Organization, $"苏州{Guid.NewGuid():N}医疗器械有限公司"), duplicatesConfirmed: true, default));
        var complaint = Complaint(customer.Id, "监护仪三次返修");
        app.First.Open[customer.Id] = [complaint];

        var page = Render<CustomerDetail>(p => p.Add(d => d.Id, customer.Id));

        page.WaitForAssertion(() => page.Find(".service-first-complaint a").GetAttribute("href").Should().Be(complaint.Href));
        page.Find(".service-first-complaint a").TextContent.Should().Be("监护仪三次返修");
    }
}
