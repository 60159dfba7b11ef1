using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Service;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Keqing.Tests.Mailbox;

/// <summary>
/// The triage of mail from unknown senders (待分拣邮件) through the HTTP host on both providers, with mail coming in by
/// the signed webhook and Service's case intake behind it: unclaimed mail is listed for service staff; giving the sender
/// an existing contact or a new one turns the mail into that customer's case (with its file), and later mail from the
/// address finds the customer by itself; spam is discarded, audited, leaves no case and is not taken in again. A service
/// agent owns no customers: reading the customer (their look-up rule) is enough.
/// </summary>
public abstract class MailTriageTests(ServiceApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private sealed record World(HttpClient Admin, HttpClient Agent, CreatedMailboxDto Mailbox, CustomerDto Customer, ContactDto Contact);

    private async Task<World> Setup()
    {
        var admin = await app.AdminClient();
        var agent = await app.ClientFor((await admin.CreateUser(Roles.ServiceAgent, (await admin.CreateTeam()).Id)).Email);
        agent.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var mailbox = await admin.CreateMailbox(new { name = "售后邮箱", address = $"{ApiHelpers.Unique("service")}@keqing.example" });
        var customer = await admin.NewCustomer();
        var response = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "王护士长" }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return new World(admin, agent, mailbox, customer, await response.Read<ContactDto>());
    }

    private async Task<WebhookReceiptDto> Receive(World w, MimeMessage message)
    {
        var body = Mail.Bytes(message);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/mail/{w.Mailbox.Mailbox.Key}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add(ReceiveWebhookMail.SignatureHeader, ReceiveWebhookMail.Sign(w.Mailbox.WebhookSecret, body));
        var response = await app.CreateClient().SendAsync(request);
        await response.ShouldBe(200);
        return await response.Read<WebhookReceiptDto>();
    }

    private static string Stranger() => $"{Guid.NewGuid():N}"[..10] + "@unknown-clinic.example";

    private static async Task<List<TriageMessageDto>> Triage(HttpClient client)
    {
        var response = await client.GetAsync("/api/mail-triage");
        await response.ShouldBe(200);
        return await response.Read<List<TriageMessageDto>>();
    }

    private static Task<HttpResponseMessage> Sort(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync($"/api/mail-triage/{id}/sender", body, ApiHelpers.Json);

    private async Task<List<ServiceCase>> CasesOf(Guid customerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ServiceCase>().AsNoTracking()
            .Where(c => c.CustomerId == customerId).OrderBy(c => c.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task Linking_an_unknown_sender_to_a_contact_opens_the_case_and_threads_their_later_mail()
    {
        var w = await Setup();
        var from = Stranger();
        var first = Mail.Message($"王护士长 <{from}>", w.Mailbox.Mailbox.Address, "彩超报修", "您好，彩超开机黑屏。", more: m =>
        {
            var body = new BodyBuilder { TextBody = "您好，彩超开机黑屏。" };
            body.Attachments.Add("屏幕.png", Png, ContentType.Parse("image/png"));
            m.Body = body.ToMessageBody();
        });
        var receipt = await Receive(w, first);
        receipt.Status.Should().Be(InboundStatus.Unclaimed);
        (await CasesOf(w.Customer.Id)).Should().BeEmpty();

        var listed = (await Triage(w.Agent)).Should().ContainSingle(m => m.Id == receipt.Id).Subject;
        (listed.From, listed.FromName, listed.Subject, listed.Snippet, listed.Attachments, listed.MailboxName)
            .Should().Be((from, "王护士长", "彩超报修", "您好，彩超开机黑屏。", 1, "售后邮箱"));

        var missing = await Sort(w.Agent, receipt.Id, new { });
        await missing.ShouldBe(400);
        (await missing.Content.ReadAsStringAsync()).Should().Contain("\"contactId\"");
        await (await Sort(w.Agent, receipt.Id, new { contactId = w.Contact.Id, customerId = w.Customer.Id })).ShouldBe(400);
        var unknown = await Sort(w.Agent, receipt.Id, new { contactId = Guid.NewGuid() });
        await unknown.ShouldBe(400);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("\"contactId\"");

        var sorted = await Sort(w.Agent, receipt.Id, new { contactId = w.Contact.Id });
        await sorted.ShouldBe(200);
        (await sorted.Read<TriageResultDto>()).Should().Be(new TriageResultDto(receipt.Id, InboundStatus.HandedOn, "service.cases"));
        var opened = (await CasesOf(w.Customer.Id)).Should().ContainSingle().Subject;
        var c = await w.Admin.Case(opened.Id);
        (c.Channel, c.ContactId, c.Subject).Should().Be((CaseChannel.Email, (Guid?)w.Contact.Id, "彩超报修"));
        c.Messages.Should().ContainSingle().Which.Attachments.Should().ContainSingle().Which.FileName.Should().Be("屏幕.png");
        (await (await w.Admin.GetAsync($"/api/customers/{w.Customer.Id}/contacts")).Read<List<ContactDto>>())
            .Single(x => x.Id == w.Contact.Id).Emails.Should().Contain(from);
        (await Triage(w.Agent)).Should().NotContain(m => m.Id == receipt.Id);
        await (await Sort(w.Agent, receipt.Id, new { contactId = w.Contact.Id })).ShouldBe(409);

        // The sender's next mail finds the customer by itself.
        (await Receive(w, Mail.Message(from, w.Mailbox.Mailbox.Address, "另一台设备也坏了"))).Status.Should().Be(InboundStatus.HandedOn);
        (await CasesOf(w.Customer.Id)).Should().HaveCount(2).And.Contain(x => x.Subject == "另一台设备也坏了" && x.ContactId == w.Contact.Id);
    }

    [Fact]
    public async Task A_new_contact_from_an_unknown_sender_and_spam_discarded_without_a_trace_in_cases()
    {
        var w = await Setup();
        var from = Stranger();
        var receipt = await Receive(w, Mail.Message(from, w.Mailbox.Mailbox.Address, "咨询保修期"));
        await (await Sort(w.Agent, receipt.Id, new { customerId = Guid.NewGuid() })).ShouldBe(400);
        var sorted = await Sort(w.Agent, receipt.Id, new { customerId = w.Customer.Id, name = "李工" });
        await sorted.ShouldBe(200);
        (await sorted.Read<TriageResultDto>()).Status.Should().Be(InboundStatus.HandedOn);
        var contact = (await (await w.Admin.GetAsync($"/api/customers/{w.Customer.Id}/contacts")).Read<List<ContactDto>>()).Single(x => x.Name == "李工");
        contact.Emails.Should().Equal(from);
        (await CasesOf(w.Customer.Id)).Should().ContainSingle().Which.ContactId.Should().Be(contact.Id);

        var spam = Mail.Message(Stranger(), w.Mailbox.Mailbox.Address, "发票代开 优惠");
        var spamReceipt = await Receive(w, spam);
        var discarded = await w.Agent.PostAsync($"/api/mail-triage/{spamReceipt.Id}/discard", null);
        await discarded.ShouldBe(200);
        (await discarded.Read<TriageResultDto>()).Status.Should().Be(InboundStatus.Discarded);
        (await Triage(w.Agent)).Should().NotContain(m => m.Id == spamReceipt.Id);
        var again = await w.Agent.PostAsync($"/api/mail-triage/{spamReceipt.Id}/discard", null);
        await again.ShouldBe(409);
        (await again.Content.ReadAsStringAsync()).Should().Contain("这封邮件已被分拣");
        (await Receive(w, spam)).Should().Be(new WebhookReceiptDto(spamReceipt.Id, true, InboundStatus.Discarded), "the same message is not taken in again");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        (await db.Set<CaseEmail>().CountAsync(e => e.MessageId == spam.MessageId)).Should().Be(0);
        var audits = await db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == MailTriage.AuditType).ToListAsync();
        audits.Should().Contain(a => a.EntityId == spamReceipt.Id && a.Changes.Contains("Discarded"));
        audits.Should().Contain(a => a.EntityId == receipt.Id && a.Changes.Contains("HandedOn"));
    }
}

public sealed class MailTriageTestsOnSqlite(SqliteServiceApp app) : MailTriageTests(app), IClassFixture<SqliteServiceApp>;
public sealed class MailTriageTestsOnPostgres(PostgresServiceApp app) : MailTriageTests(app), IClassFixture<PostgresServiceApp>;
