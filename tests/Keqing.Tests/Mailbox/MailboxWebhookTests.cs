using System.Net.Http.Headers;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Mailbox.Features;
using Keqing.Tests.Fixtures;
using MimeKit;

namespace Keqing.Tests.Mailbox;

/// <summary>
/// The inbound webhook on both providers: a signed raw message is stored and handed on once (a replay changes
/// nothing), a bad or missing signature is 401, a body over the limit 413; bounces, lists and loops are held, and a
/// sender over the hourly cap is held after the twentieth message.
/// </summary>
public abstract class MailboxWebhookTests(MailboxApp app)
{
    private static HttpRequestMessage Post(string key, byte[] body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/mail/{key}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        if (signature is not null) request.Headers.Add(ReceiveWebhookMail.SignatureHeader, signature);
        return request;
    }

    private static async Task<WebhookReceiptDto> Send(HttpClient anonymous, CreatedMailboxDto mailbox, MimeMessage message, int status = 200)
    {
        var body = Mail.Bytes(message);
        var response = await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body)));
        await response.ShouldBe(status);
        return await response.Read<WebhookReceiptDto>();
    }

    private static async Task<CreatedMailboxDto> WebhookMailbox(HttpClient admin) =>
        await admin.CreateMailbox(new { name = "售后邮箱", address = $"{ApiHelpers.Unique("service")}@keqing.example" });

    [Fact]
    public async Task A_signed_message_is_stored_and_handed_on_once_and_a_replay_is_recognised()
    {
        var admin = await app.AdminClient();
        var mailbox = await WebhookMailbox(admin);
        var anonymous = app.CreateClient();
        var message = Mail.Message("zhao@customer.example", mailbox.Mailbox.Address, "退货申请");

        var first = await Send(anonymous, mailbox, message);
        first.Should().Be(first with { Duplicate = false, Status = InboundStatus.HandedOn });
        var replay = await Send(anonymous, mailbox, message);
        replay.Should().Be(new WebhookReceiptDto(first.Id, true, InboundStatus.HandedOn));
        app.Handler.For(mailbox.Mailbox.Id).Should().ContainSingle().Which.Subject.Should().Be("退货申请");
        (await admin.Messages(mailbox.Mailbox.Id)).Should().ContainSingle().Which.Source.Should().Be("webhook");
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_an_unknown_mailbox_404_and_a_huge_body_413()
    {
        var admin = await app.AdminClient();
        var mailbox = await WebhookMailbox(admin);
        var anonymous = app.CreateClient();
        var body = Mail.Bytes(Mail.Message("qian@customer.example", mailbox.Mailbox.Address, "咨询"));

        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, null))).ShouldBe(401);
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, ReceiveWebhookMail.Sign("not-the-secret", body)))).ShouldBe(401);
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, "sha256=" + new string('0', 64)))).ShouldBe(401);
        var tampered = body.Concat("!"u8.ToArray()).ToArray();
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, tampered, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body)))).ShouldBe(401);
        await (await anonymous.SendAsync(Post("no-such-mailbox", body, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body)))).ShouldBe(404);

        var huge = Mail.Bytes(Mail.Message("qian@customer.example", mailbox.Mailbox.Address, "大附件", text: new string('x', MailboxApp.MaxMessageBytes + 1000)));
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, huge, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, huge)))).ShouldBe(413);

        var garbage = "\u0001\u0002 not a message"u8.ToArray();
        var refused = await anonymous.SendAsync(Post(mailbox.Mailbox.Key, garbage, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, garbage)));
        (await refused.Content.ReadAsStringAsync()).Should().NotContain("Exception");
        ((int)refused.StatusCode).Should().BeOneOf(200, 400);

        // A new secret replaces the old one.
        var renewed = await (await admin.PostAsync($"/api/mailboxes/{mailbox.Mailbox.Id}/webhook-secret", null)).Read<WebhookSecretDto>();
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body)))).ShouldBe(401);
        await (await anonymous.SendAsync(Post(mailbox.Mailbox.Key, body, ReceiveWebhookMail.Sign(renewed.WebhookSecret, body)))).ShouldBe(200);
        app.Handler.For(mailbox.Mailbox.Id).Should().ContainSingle();
    }

    [Fact]
    public async Task Bounces_lists_bulk_mail_and_loops_are_held_with_their_reason_and_never_handed_on()
    {
        var admin = await app.AdminClient();
        var mailbox = await WebhookMailbox(admin);
        var own = mailbox.Mailbox.Address;
        var anonymous = app.CreateClient();

        var bounce = Mail.Message("MAILER-DAEMON@mx.customer.example", own, "Undelivered Mail Returned to Sender", more: m =>
        {
            var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "The mail system could not deliver your message." } };
            m.Body = report;
        });
        var reasons = new Dictionary<string, MimeMessage>
        {
            [HeldReasons.Bounce] = bounce,
            [HeldReasons.MailingList] = Mail.Message("news@vendor.example", own, "本周资讯", more: m => m.Headers.Add(HeaderId.ListId, "<news.vendor.example>")),
            [HeldReasons.Bulk] = Mail.Message("promo@vendor.example", own, "促销", more: m => m.Headers.Add(HeaderId.Precedence, "bulk")),
            [HeldReasons.AutoReply] = Mail.Message("sun@customer.example", own, "外出", more: m => m.Headers.Add("X-Autoreply", "yes")),
            [HeldReasons.OwnAddress] = Mail.Message(own, own, "Re: 您的工单"),
        };
        foreach (var (reason, message) in reasons)
            (await Send(anonymous, mailbox, message)).Status.Should().Be(InboundStatus.Held, reason);
        // A bounce with an empty return path and no report part is still a bounce.
        (await Send(anonymous, mailbox, Mail.Message("robot@customer.example", own, "Delivery failure", more: m => m.Headers.Add(HeaderId.ReturnPath, "<>"))))
            .Status.Should().Be(InboundStatus.Held);
        // Auto-Submitted: no is a person writing.
        (await Send(anonymous, mailbox, Mail.Message("zhou@customer.example", own, "问题", more: m => m.Headers.Add(HeaderId.AutoSubmitted, "no"))))
            .Status.Should().Be(InboundStatus.HandedOn);

        app.Handler.For(mailbox.Mailbox.Id).Should().ContainSingle().Which.Subject.Should().Be("问题");
        var held = await admin.Messages(mailbox.Mailbox.Id, "held");
        held.Select(m => m.HeldReason).Should().BeEquivalentTo(reasons.Keys.Append(HeldReasons.Bounce).ToList());
    }

    [Fact]
    public async Task A_sender_hands_on_at_most_twenty_messages_an_hour_and_the_rest_are_held()
    {
        var admin = await app.AdminClient();
        var mailbox = await WebhookMailbox(admin);
        var anonymous = app.CreateClient();
        for (var i = 1; i <= 25; i++)
            await Send(anonymous, mailbox, Mail.Message("loop@customer.example", mailbox.Mailbox.Address, $"第 {i} 封"));
        await Send(anonymous, mailbox, Mail.Message("other@customer.example", mailbox.Mailbox.Address, "另一位客户"));

        app.Handler.For(mailbox.Mailbox.Id).Should().HaveCount(21);
        (await admin.Messages(mailbox.Mailbox.Id, "held")).Should().HaveCount(5).And.OnlyContain(m => m.HeldReason == HeldReasons.SenderRate);
    }

    [Fact]
    public async Task A_message_no_handler_takes_is_stored_as_not_taken()
    {
        var admin = await app.AdminClient();
        var mailbox = await WebhookMailbox(admin);
        app.Handler.Decline(mailbox.Mailbox.Id);
        var receipt = await Send(app.CreateClient(), mailbox, Mail.Message("wu@customer.example", mailbox.Mailbox.Address, "你好"));
        receipt.Status.Should().Be(InboundStatus.Unclaimed);
        (await admin.Messages(mailbox.Mailbox.Id, "unclaimed")).Should().ContainSingle().Which.HandledBy.Should().BeNull();
    }
}

public sealed class MailboxWebhookTestsOnSqlite(SqliteMailboxApp app) : MailboxWebhookTests(app), IClassFixture<SqliteMailboxApp>;
public sealed class MailboxWebhookTestsOnPostgres(PostgresMailboxApp app) : MailboxWebhookTests(app), IClassFixture<PostgresMailboxApp>;
