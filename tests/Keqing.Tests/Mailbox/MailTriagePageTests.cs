using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bunit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;
using Keqing.Modules.Mailbox.Pages;
using Keqing.Modules.Service.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Mailbox;

/// <summary>
/// The 待分拣邮件 page: an unknown sender's mail is listed with its sender and text; staff find the customer by name,
/// adds the address to a contact and the mail leaves the list as that customer's case; spam is discarded from the list.
/// </summary>
public sealed class MailTriagePageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    private async Task<Guid> Receive(CreatedMailboxDto mailbox, string from, string subject, string text)
    {
        var body = Mail.Bytes(Mail.Message(from, mailbox.Mailbox.Address, subject, text));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/mail/{mailbox.Mailbox.Key}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add(ReceiveWebhookMail.SignatureHeader, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body));
        var response = await host.CreateClient().SendAsync(request);
        await response.ShouldBe(200);
        return (await response.Read<WebhookReceiptDto>()).Id;
    }

    [Fact]
    public async Task Staff_find_the_customer_add_the_sender_to_a_contact_and_discard_spam()
    {
        var admin = await host.AdminClient();
        var mailbox = await admin.CreateMailbox(new { name = "客服邮箱", address = $"{ApiHelpers.Unique("desk")}@keqing.example" });
        var name = ApiHelpers.Unique("远航医疗");
        var customer = await admin.NewCustomer(name + "有限公司");
        var created = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "赵主任" }, ApiHelpers.Json);
        await created.ShouldBe(201);
        var from = $"{Guid.NewGuid():N}"[..10] + "@yuanhang.example";
        await Receive(mailbox, from, "监护仪报警", "监护仪一直报警，请派人来看看。");
        var spamFrom = $"{Guid.NewGuid():N}"[..10] + "@spam.example";
        await Receive(mailbox, spamFrom, "代开发票", "优惠代开各类发票。");

        var page = Render<MailTriagePage>();
        page.WaitForAssertion(() => page.Find(".triage-list").TextContent.Should().Contain(from).And.Contain("监护仪一直报警").And.Contain(spamFrom),
            TimeSpan.FromSeconds(30));
        page.FindAll(".triage-list tr").Single(r => r.TextContent.Contains(from)).QuerySelector(".triage-sort")!.Click();
        page.Find(".triage-search input").Input(name);
        page.Find(".triage-search-go").Click();
        page.WaitForAssertion(() => page.Find(".triage-customer").TextContent.Should().Contain(customer.Name), TimeSpan.FromSeconds(30));
        page.Find(".triage-contact").Click();
        page.WaitForAssertion(() => page.Find(".triage-list").TextContent.Should().NotContain(from), TimeSpan.FromSeconds(30));

        using (var scope = host.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ServiceCase>().AsNoTracking().Where(c => c.CustomerId == customer.Id)
                .Select(c => c.Subject).ToListAsync()).Should().Equal("监护仪报警");

        page.FindAll(".triage-list tr").Single(r => r.TextContent.Contains(spamFrom)).QuerySelector(".triage-discard")!.Click();
        page.WaitForAssertion(() => page.Find(".triage-list").TextContent.Should().NotContain(spamFrom), TimeSpan.FromSeconds(30));
        var left = await (await admin.GetAsync("/api/mail-triage")).Read<List<TriageMessageDto>>();
        left.Should().NotContain(m => m.From == from || m.From == spamFrom);
    }
}
