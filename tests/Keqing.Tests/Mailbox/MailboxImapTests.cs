using System.Net.Http.Json;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Mailbox.Features;
using Keqing.Infrastructure.Data;
using Keqing.Tests.Fixtures;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Keqing.Tests.Mailbox;

/// <summary>
/// Polling a real IMAP server (dovecot on loopback) through the API on both providers: each message stored once and
/// handed on once however often the mailbox is polled or a poll stops half-way; threading headers, bodies and
/// attachments reach the handler; an auto-reply storm hands on nothing.
/// </summary>
public abstract class MailboxImapTests(MailboxApp app, ImapFixture imap)
{
    [Fact]
    public async Task A_delivered_message_is_fetched_stored_and_handed_on_once_however_often_the_mailbox_is_polled()
    {
        var server = imap.Require();
        var (user, password) = await server.AddUserAsync();
        var admin = await app.AdminClient();
        var mailbox = (await admin.CreateImapMailbox(server, user, password)).Mailbox;

        var test = await admin.PostAsync($"/api/mailboxes/{mailbox.Id}/test", null);
        await test.ShouldBe(200);
        (await test.Read<ConnectionTestDto>()).Should().Be(new ConnectionTestDto(true, null));

        var first = Mail.Message("王先生 <wang@customer.example>", user, "打印机无法开机");
        await Mail.Deliver(server, user, password, first);
        (await admin.Poll(mailbox.Id)).Should().Be(new PollResultDto(1, 0, null));
        (await admin.Poll(mailbox.Id)).Should().Be(new PollResultDto(0, 0, null));
        (await Mail.UnseenCount(server, user, password)).Should().Be(0, "a stored message is flagged seen");

        var handed = app.Handler.For(mailbox.Id).Should().ContainSingle().Subject;
        handed.MessageId.Should().Be(first.MessageId);
        handed.From.Should().Be("wang@customer.example");
        handed.FromName.Should().Be("王先生");
        handed.Subject.Should().Be("打印机无法开机");
        handed.TextBody.Should().Contain("我的设备坏了");
        handed.Date.Should().Be(new DateTime(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc));

        // The customer answers our reply: the threading headers, both bodies (the HTML sanitised) and the attachment arrive.
        var reply = Mail.Message("wang@customer.example", user, "Re: 打印机无法开机", more: m =>
        {
            m.InReplyTo = "case-7@keqing.example";
            m.References.Add(first.MessageId!);
            m.References.Add("case-7@keqing.example");
            var body = new BodyBuilder { TextBody = "还是不行。", HtmlBody = "<p onclick=\"steal()\">还是<b>不行</b>。</p><script>alert(1)</script>" };
            body.Attachments.Add("照片.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, ContentType.Parse("image/jpeg"));
            m.Body = body.ToMessageBody();
        });
        await Mail.Deliver(server, user, password, reply);
        (await admin.Poll(mailbox.Id)).Should().Be(new PollResultDto(1, 0, null));
        var threaded = app.Handler.For(mailbox.Id).Should().HaveCount(2).And.Subject.Last();
        threaded.InReplyTo.Should().Be("case-7@keqing.example");
        threaded.References.Should().Equal(first.MessageId, "case-7@keqing.example");
        threaded.TextBody.Should().Contain("还是不行");
        threaded.HtmlBody.Should().Contain("<b>不行</b>").And.NotContain("script").And.NotContain("onclick");
        var attachmentId = threaded.AttachmentIds.Should().ContainSingle().Subject;
        using (var scope = app.Services.CreateScope())
        {
            var attachment = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<InboundAttachment>().SingleAsync(a => a.Id == attachmentId);
            attachment.FileName.Should().Be("照片.jpg");
            attachment.Data.Should().Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 });
        }

        var listed = await admin.Messages(mailbox.Id);
        listed.Should().HaveCount(2).And.OnlyContain(m => m.Status == InboundStatus.HandedOn && m.HandledBy == RecordingMailHandler.HandlerName
            && m.Source == "imap");
    }

    [Fact]
    public async Task A_poll_that_stopped_between_storing_and_flagging_seen_does_not_hand_the_message_on_again()
    {
        var server = imap.Require();
        var (user, password) = await server.AddUserAsync();
        var admin = await app.AdminClient();
        var mailbox = (await admin.CreateImapMailbox(server, user, password)).Mailbox;
        var message = Mail.Message("li@customer.example", user, "发票问题");
        await Mail.Deliver(server, user, password, message);

        // The crashed poll: it fetched and stored the message, and died before flagging it seen.
        using (var client = await Mail.Imap(server, user, password))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var uid = (await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All)).Single();
            var fetched = await client.Inbox.GetMessageAsync(uid);
            using var scope = app.Services.CreateScope();
            var entity = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<InboundMailbox>().AsNoTracking().SingleAsync(m => m.Id == mailbox.Id);
            var outcome = await scope.ServiceProvider.GetRequiredService<MailIntake>().Store(entity, fetched, 1000, MessageSources.Imap, uid.Id, false, default);
            outcome.Duplicate.Should().BeFalse();
        }
        (await Mail.UnseenCount(server, user, password)).Should().Be(1);

        (await admin.Poll(mailbox.Id)).Should().Be(new PollResultDto(0, 1, null));
        (await Mail.UnseenCount(server, user, password)).Should().Be(0);
        app.Handler.For(mailbox.Id).Should().ContainSingle();
        (await admin.Messages(mailbox.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_auto_reply_storm_of_fifty_messages_hands_on_none_and_each_is_held_with_its_reason()
    {
        var server = imap.Require();
        var (user, password) = await server.AddUserAsync();
        var admin = await app.AdminClient();
        var mailbox = (await admin.CreateImapMailbox(server, user, password)).Mailbox;
        var storm = Enumerable.Range(1, 50).Select(i => Mail.Message("out-of-office@partner.example", user, $"自动回复：我正在休假 {i}",
            more: m => m.Headers.Add(HeaderId.AutoSubmitted, "auto-replied"))).ToArray();
        await Mail.Deliver(server, user, password, storm);

        (await admin.Poll(mailbox.Id)).Should().Be(new PollResultDto(50, 0, null));
        app.Handler.For(mailbox.Id).Should().BeEmpty();
        var held = await admin.Messages(mailbox.Id, "held");
        held.Should().HaveCount(50).And.OnlyContain(m => m.HeldReason == HeldReasons.AutoSubmitted && m.HandledBy == null);
    }

    [Fact]
    public async Task A_wrong_password_is_the_server_s_answer_to_the_test_and_is_kept_on_the_mailbox_after_a_poll()
    {
        var server = imap.Require();
        var (user, password) = await server.AddUserAsync();
        var admin = await app.AdminClient();
        var mailbox = (await admin.CreateImapMailbox(server, user, password + "-wrong")).Mailbox;

        var test = await (await admin.PostAsync($"/api/mailboxes/{mailbox.Id}/test", null)).Read<ConnectionTestDto>();
        test.Ok.Should().BeFalse();
        test.Error.Should().NotBeNullOrEmpty();
        var poll = await admin.Poll(mailbox.Id);
        poll.Error.Should().NotBeNullOrEmpty();
        var read = await (await admin.GetAsync($"/api/mailboxes/{mailbox.Id}")).Read<MailboxDto>();
        read.LastError.Should().NotBeNullOrEmpty();
        read.LastPolledAt.Should().NotBeNull();
    }
}

public sealed class MailboxImapTestsOnSqlite(SqliteMailboxApp app, ImapFixture imap)
    : MailboxImapTests(app, imap), IClassFixture<SqliteMailboxApp>, IClassFixture<ImapFixture>;
public sealed class MailboxImapTestsOnPostgres(PostgresMailboxApp app, ImapFixture imap)
    : MailboxImapTests(app, imap), IClassFixture<PostgresMailboxApp>, IClassFixture<ImapFixture>;
