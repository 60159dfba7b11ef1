using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Notifications.Jobs;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Service.Features;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Mailbox;
using Keqing.Tests.Notifications;
using Keqing.Tests.Timeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Keqing.Tests.Service;

/// <summary>The service host with the case events recorded, email leaving through a real SMTP socket (<see cref="SmtpSink"/>).</summary>
public abstract class CaseMailApp(PostgresServer postgres, Provider provider) : ServiceApp(postgres, provider)
{
    public SmtpSink Smtp { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Keqing:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Keqing:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Keqing:Smtp:From", "Keqing CRM <noreply@keqing.test>");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCaseMailApp(PostgresServer postgres) : CaseMailApp(postgres, Provider.Sqlite);
public sealed class PostgresCaseMailApp(PostgresServer postgres) : CaseMailApp(postgres, Provider.Postgres);

/// <summary>
/// Cases and email both ways on both providers, with real mail: messages put into dovecot and polled through the
/// mailbox API open cases and thread answers into them; an agent's reply leaves through the outbox over a real SMTP
/// socket with the case token and a Message-ID, and the customer's answer to it comes back into the same case; an
/// auto-reply storm opens nothing; erasing a contact anonymises their mail.
/// </summary>
public abstract class CaseMailTests(CaseMailApp app, ImapFixture imap)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private sealed record World(HttpClient Admin, CustomerDto Customer, ContactDto Contact, string Email, string MailboxUser, string Password,
        Guid MailboxId);

    private async Task<World> Setup()
    {
        var server = imap.Require();
        var admin = await app.AdminClient();
        var customer = await admin.NewCustomer();
        var email = $"wang-{Guid.NewGuid():N}"[..14] + "@hospital.example";
        var response = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts",
            new { name = "王护士长", emails = new[] { email.ToUpperInvariant() } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        var contact = await response.Read<ContactDto>();
        var (user, password) = await server.AddUserAsync("service");
        var mailbox = (await admin.CreateImapMailbox(server, user, password)).Mailbox;
        return new World(admin, customer, contact, email, user, password, mailbox.Id);
    }

    private async Task Receive(World w, params MimeMessage[] messages)
    {
        await Mail.Deliver(imap.Require(), w.MailboxUser, w.Password, messages);
        (await w.Admin.Poll(w.MailboxId)).Should().Be(new PollResultDto(messages.Length, 0, null));
    }

    private async Task<List<Guid>> CasesOf(Guid customerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<ServiceCase>().Where(c => c.CustomerId == customerId)
            .OrderBy(c => c.CreatedAt).Select(c => c.Id).ToListAsync();
    }

    private async Task<List<SinkMail>> Sent(string to)
    {
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
        return app.Smtp.Messages.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    [Fact]
    public async Task A_contact_s_mail_opens_a_case_the_agent_s_reply_leaves_by_smtp_and_the_customer_s_answer_threads_back()
    {
        var w = await Setup();
        var first = Mail.Message($"王护士长 <{w.Email}>", w.MailboxUser, "彩超无法开机", more: m =>
        {
            var body = new BodyBuilder { TextBody = "您好，设备开机后黑屏，麻烦尽快处理。" };
            body.Attachments.Add("屏幕.png", Png, ContentType.Parse("image/png"));
            body.Attachments.Add("setup.exe", [0x4D, 0x5A, 0x90, 0], ContentType.Parse("application/octet-stream"));
            m.Body = body.ToMessageBody();
        });
        await Receive(w, first);

        var caseId = (await CasesOf(w.Customer.Id)).Should().ContainSingle().Subject;
        var opened = await w.Admin.Case(caseId);
        (opened.Channel, opened.Status, opened.ContactId, opened.Subject).Should().Be((CaseChannel.Email, CaseStatus.New, (Guid?)w.Contact.Id, "彩超无法开机"));
        var mailMessage = opened.Messages.Should().ContainSingle().Subject;
        (mailMessage.Kind, mailMessage.Body).Should().Be((CaseMessageKind.Customer, "您好，设备开机后黑屏，麻烦尽快处理。"));
        mailMessage.Attachments.Should().ContainSingle("a program is not a file a case takes").Which.FileName.Should().Be("屏幕.png");
        app.Events.Of(caseId).OfType<CaseOpened>().Should().ContainSingle().Which.Channel.Should().Be(CaseChannel.Email);
        (await w.Admin.Messages(w.MailboxId)).Should().ContainSingle().Which.HandledBy.Should().Be(CaseMailIntake.HandlerName);

        // The agent answers and waits on the customer: the reply leaves through the outbox over SMTP.
        await w.Admin.Reply(caseId, "王护士长您好，请先检查电源线是否插紧。", waitOnCustomer: true);
        var sent = (await Sent(w.Email)).Should().ContainSingle().Subject.Parse();
        sent.Subject.Should().Be($"[{opened.Number}] 彩超无法开机");
        sent.TextBody.Should().Contain("请先检查电源线");
        sent.ReplyTo.Mailboxes.Single().Address.Should().Be(w.MailboxUser);
        sent.InReplyTo.Should().Be(first.MessageId!);
        sent.References.Should().Contain(first.MessageId!);
        sent.MessageId.Should().EndWith("@" + w.MailboxUser.Split('@')[1]);

        // The customer answers that email, with a new subject line and our text quoted below: it threads by its headers.
        var answer = Mail.Message(w.Email, w.MailboxUser, "Re: 设备问题", "插紧了，还是黑屏。\n\n在 2026年11月24日 10:05，客服 写道：\n> 王护士长您好，请先检查电源线是否插紧。",
            more: m =>
            {
                m.InReplyTo = sent.MessageId;
                m.References.Add(first.MessageId!);
                m.References.Add(sent.MessageId!);
            });
        await Receive(w, answer);
        var threaded = await w.Admin.Case(caseId);
        threaded.Status.Should().Be(CaseStatus.Open, "the customer's answer ends the wait");
        threaded.Messages.Select(m => (m.Kind, m.Body)).Should().Equal(
            (CaseMessageKind.Customer, "您好，设备开机后黑屏，麻烦尽快处理。"),
            (CaseMessageKind.Reply, "王护士长您好，请先检查电源线是否插紧。"),
            (CaseMessageKind.Customer, "插紧了，还是黑屏。"));
        app.Events.Of(caseId).OfType<CaseCustomerReplied>().Should().ContainSingle("the same event as a reply in the agent's screen, for the SLA clocks");

        // A new mail with only the case token in the subject threads too; the same token from a stranger does not.
        await Receive(w, Mail.Message(w.Email, w.MailboxUser, $"答复: [{opened.Number}] 补充照片", "序列号 US-2231。"));
        (await w.Admin.Case(caseId)).Messages.Should().HaveCount(4).And.Subject.Last().Body.Should().Be("序列号 US-2231。");
        var stranger = Mail.Message("someone@elsewhere.example", w.MailboxUser, $"Re: [{opened.Number}] 彩超无法开机", "我也想看看。");
        await Receive(w, stranger);
        (await w.Admin.Case(caseId)).Messages.Should().HaveCount(4);
        (await CasesOf(w.Customer.Id)).Should().ContainSingle();
        (await w.Admin.Messages(w.MailboxId)).Single(m => m.MessageId == stranger.MessageId).Status
            .Should().Be(InboundStatus.Unclaimed, "an unknown sender's mail stays in the mailbox when no customer takes it");

        // The second reply names the whole thread.
        await w.Admin.Reply(caseId, "收到，工程师明天上门。");
        var second = (await Sent(w.Email)).Select(m => m.Parse()).Should().HaveCount(2).And.Subject.Single(m => m.MessageId != sent.MessageId);
        second.References.Should().Contain([first.MessageId!, sent.MessageId!, answer.MessageId!]);
    }

    [Fact]
    public async Task An_auto_reply_storm_of_fifty_messages_from_a_known_contact_opens_no_case_and_sends_nothing()
    {
        var w = await Setup();
        Action<MimeMessage>[] machine =
        [
            m => m.Headers.Add(HeaderId.AutoSubmitted, "auto-replied"),
            m => m.Headers.Add("X-Autoreply", "yes"),
            m => m.Headers.Add(HeaderId.Precedence, "auto_reply"),
            m => m.Headers.Add(HeaderId.Precedence, "bulk"),
            m => m.Headers.Add(HeaderId.ReturnPath, "<>"),
        ];
        var storm = Enumerable.Range(0, 50).Select(i => i % 10 == 9
            ? Mail.Message("MAILER-DAEMON@hospital.example", w.MailboxUser, $"Undelivered Mail Returned to Sender {i}")
            : Mail.Message(w.Email, w.MailboxUser, $"自动回复：我正在休假 {i}", more: machine[i % machine.Length])).ToArray();
        await Receive(w, storm);

        (await CasesOf(w.Customer.Id)).Should().BeEmpty();
        (await w.Admin.Messages(w.MailboxId, "held")).Should().HaveCount(50);
        (await Sent(w.Email)).Should().BeEmpty();

        // The person writing themselves still opens a case.
        await Receive(w, Mail.Message(w.Email, w.MailboxUser, "我回来了，设备还是有问题"));
        (await CasesOf(w.Customer.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Erasing_a_contact_anonymises_their_mail_in_the_mailbox_and_in_their_case()
    {
        var w = await Setup();
        var mail = Mail.Message(w.Email, w.MailboxUser, "监护仪报警", "王护士长：监护仪夜间频繁报警。", more: m =>
        {
            var body = new BodyBuilder { TextBody = "王护士长：监护仪夜间频繁报警。" };
            body.Attachments.Add("报警.png", Png, ContentType.Parse("image/png"));
            m.Body = body.ToMessageBody();
        });
        await Receive(w, mail);
        var caseId = (await CasesOf(w.Customer.Id)).Single();
        await w.Admin.Reply(caseId, "已安排工程师。");
        (await Sent(w.Email)).Should().ContainSingle();

        var export = await w.Admin.GetAsync($"/api/privacy/subjects/contacts/{w.Contact.Id}/export");
        await export.ShouldBe(200);
        await (await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/contacts/{w.Contact.Id}/erase", new { reason = "本人要求删除" }, ApiHelpers.Json))
            .ShouldBe(200);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var stored = await db.Set<InboundMessage>().AsNoTracking().SingleAsync(m => m.MailboxId == w.MailboxId);
        (stored.From, stored.FromName, stored.Subject, stored.TextBody, stored.HtmlBody, stored.MessageId)
            .Should().Be((MailboxPersonalDataErased, (string?)null, MailboxPersonalDataErased, (string?)null, (string?)null, mail.MessageId!));
        (await db.Set<InboundAttachment>().CountAsync(a => a.MessageId == stored.Id)).Should().Be(0);
        (await db.Set<CaseEmail>().Where(e => e.CaseId == caseId).Select(e => e.Address).ToListAsync()).Should().HaveCount(2).And.OnlyContain(a => a == "[erased]");
        (await w.Admin.Case(caseId)).Messages.Should().OnlyContain(m => m.Body == "[erased]");

        // The erased message is never taken in again: polling finds it stored.
        (await w.Admin.Poll(w.MailboxId)).Should().Be(new PollResultDto(0, 0, null));
    }

    [Fact]
    public async Task The_mail_s_content_language_sets_the_new_case_s_language_over_imap_and_the_webhook_and_assignment_serves_it()
    {
        var w = await Setup();
        // A team that assigns by language: one agent speaks English; the customer's owner works in the team and does not.
        var team = await w.Admin.CreateTeam(ApiHelpers.Unique("客服组"));
        var owner = await w.Admin.CreateUser(Keqing.Modules.Identity.Contracts.Roles.ServiceAgent, team.Id);
        var speaker = await w.Admin.CreateUser(Keqing.Modules.Identity.Contracts.Roles.ServiceAgent, team.Id);
        await (await w.Admin.PutAsJsonAsync($"/api/skills/teams/{team.Id}", new { autoAssign = true }, ApiHelpers.Json)).ShouldBe(200);
        var skill = await w.Admin.PostAsJsonAsync("/api/skills", new { kind = SkillKind.Language, value = "English" }, ApiHelpers.Json);
        var english = (int)skill.StatusCode == 409
            ? (await (await w.Admin.GetAsync("/api/skills")).Read<List<SkillDto>>()).Single(x => x.Kind == SkillKind.Language && x.Value == "English")
            : await skill.Read<SkillDto>();
        await (await w.Admin.PutAsJsonAsync($"/api/skills/agents/{speaker.Id}", new { skillIds = new[] { english.Id } }, ApiHelpers.Json)).ShouldBe(200);
        var customer = await Keqing.Tests.Customers.CustomerApiTests.Create(w.Admin, new { kind = "organization", name = ApiHelpers.Unique("国际医院"), ownerId = owner.Id });
        var email = $"smith-{Guid.NewGuid():N}"[..15] + "@hospital.example";
        await (await w.Admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "Dr Smith", emails = new[] { email } }, ApiHelpers.Json)).ShouldBe(201);

        // Over IMAP: the header's first tag is the case's language, and the English-speaking agent gets the case.
        await Receive(w, Mail.Message(email, w.MailboxUser, "Ultrasound will not start", "Hello, the screen stays black.",
            more: m => m.Body!.Headers.Add(HeaderId.ContentLanguage, "en-GB, zh-CN")));
        var byImap = await w.Admin.Case((await CasesOf(customer.Id)).Single());
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // cases in the order they came
        (byImap.Language, byImap.OwnerId, byImap.Channel).Should().Be(("en-GB", speaker.Id, CaseChannel.Email));

        // Without the header nothing is guessed, whatever language the text is in; a malformed value counts as none.
        await Receive(w, Mail.Message(email, w.MailboxUser, "Second probe broken", "Hello, the second probe is broken too."));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Receive(w, Mail.Message(email, w.MailboxUser, "Third question", "Hello again.",
            more: m => m.Body!.Headers.Add(HeaderId.ContentLanguage, "<script>")));
        var unmarked = (await CasesOf(customer.Id)).Skip(1).ToList();
        unmarked.Should().HaveCount(2);
        foreach (var id in unmarked) (await w.Admin.Case(id)).Language.Should().BeNull();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        // Through the webhook the same: a Cantonese mail is a yue-HK case.
        var hook = await w.Admin.CreateMailbox(new { name = "售后邮箱", address = $"{ApiHelpers.Unique("service")}@keqing.example" });
        var raw = Mail.Bytes(Mail.Message(email, hook.Mailbox.Address, "部機開唔到", "你好，部機開唔到。",
            more: m => m.Body!.Headers.Add(HeaderId.ContentLanguage, "yue-HK")));
        var post = new HttpRequestMessage(HttpMethod.Post, $"/api/public/mail/{hook.Mailbox.Key}") { Content = new ByteArrayContent(raw) };
        post.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        post.Headers.Add(Keqing.Modules.Mailbox.Features.ReceiveWebhookMail.SignatureHeader, Keqing.Modules.Mailbox.Features.ReceiveWebhookMail.Sign(hook.WebhookSecret, raw));
        await (await app.CreateClient().SendAsync(post)).ShouldBe(200);
        var byWebhook = await w.Admin.Case((await CasesOf(customer.Id)).Last());
        (byWebhook.Language, byWebhook.Subject).Should().Be(("yue-HK", "部機開唔到"));
    }

    private const string MailboxPersonalDataErased = Keqing.Modules.Mailbox.Features.MailboxPersonalData.Erased;

    [Fact]
    public async Task A_reply_on_a_case_whose_contact_has_no_email_sends_nothing()
    {
        var w = await Setup();
        var phoneCase = await w.Admin.NewCase(w.Customer.Id);
        await w.Admin.Reply(phoneCase.Id, "您好，已记录。");
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<CaseEmail>().CountAsync(e => e.CaseId == phoneCase.Id)).Should().Be(0);
    }
}

public sealed class CaseMailTestsOnSqlite(SqliteCaseMailApp app, ImapFixture imap)
    : CaseMailTests(app, imap), IClassFixture<SqliteCaseMailApp>, IClassFixture<ImapFixture>;
public sealed class CaseMailTestsOnPostgres(PostgresCaseMailApp app, ImapFixture imap)
    : CaseMailTests(app, imap), IClassFixture<PostgresCaseMailApp>, IClassFixture<ImapFixture>;
