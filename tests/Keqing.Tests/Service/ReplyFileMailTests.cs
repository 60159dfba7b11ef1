using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Notifications.Domain;
using Keqing.Modules.Notifications.Jobs;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Keqing.Tests.Service;

/// <summary>The case-mail host with absolute links and a 1 MB budget for a reply email's attachments.</summary>
public abstract class ReplyFileMailApp(PostgresServer postgres, Provider provider) : CaseMailApp(postgres, provider)
{
    public const string PublicUrl = "https://crm.example.test";

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Keqing:Notifications:PublicUrl", PublicUrl);
        builder.UseSetting("Keqing:Service:MailAttachmentMegabytes", "1");
        builder.UseSetting("Keqing:Service:FileLinkDays", "30");
    }
}

public sealed class SqliteReplyFileMailApp(PostgresServer postgres) : ReplyFileMailApp(postgres, Provider.Sqlite);
public sealed class PostgresReplyFileMailApp(PostgresServer postgres) : ReplyFileMailApp(postgres, Provider.Postgres);

/// <summary>
/// A public reply's files reach the customer by email, through the outbox and a real SMTP socket: attached as MIME parts
/// with their checked type and their Chinese file names (RFC 2231, UTF-8) while they fit the email's budget; a file
/// beyond it goes as a signed download link that opens without signing in, until it expires. An internal note's files
/// never leave.
/// </summary>
public abstract class ReplyFileMailTests(ReplyFileMailApp app)
{
    private static byte[] Pdf(int size) => [.. "%PDF-1.4\n"u8, .. Enumerable.Range(0, size - 9).Select(i => (byte)('a' + i % 26))];
    private static byte[] Png(int size) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Range(0, size - 8).Select(i => (byte)(i % 251))];

    private sealed record World(HttpClient Admin, CaseDto Case, string Email);

    private async Task<World> Setup()
    {
        var admin = await app.AdminClient();
        var customer = await admin.NewCustomer();
        var email = $"li-{Guid.NewGuid():N}"[..13] + "@clinic.example";
        var response = await admin.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new { name = "李主任", emails = new[] { email } }, ApiHelpers.Json);
        await response.ShouldBe(201);
        var contact = await response.Read<ContactDto>();
        return new World(admin, await admin.NewCase(customer.Id, type: "repair", contactId: contact.Id), email);
    }

    private static async Task<Guid> Upload(World w, string name, byte[] content)
    {
        var response = await w.Admin.Upload(w.Case.Id, name, content);
        await response.ShouldBe(201);
        return (await response.Read<CaseAttachmentDto>()).Id;
    }

    private async Task<List<SinkMail>> Sent(string to)
    {
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
        return app.Smtp.Messages.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private async Task<int> OutboxFilesFor(string address)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var ids = await db.Set<OutboxMessage>().Where(m => m.Address == address).Select(m => m.Id).ToListAsync();
        return await db.Set<OutboxAttachment>().CountAsync(a => ids.Contains(a.OutboxMessageId));
    }

    [Fact]
    public async Task A_reply_s_files_are_attached_to_its_email_with_their_type_and_chinese_names()
    {
        var w = await Setup();
        var quote = Pdf(300_000);
        var photo = Png(200_000);
        var ids = new[] { await Upload(w, "报价单（2026年12月）.pdf", quote), await Upload(w, "现场照片.png", photo) };
        await Upload(w, "内部记录.txt", "仅供内部参考"u8.ToArray()); // uploaded, not sent with the reply
        await w.Admin.Reply(w.Case.Id, "李主任您好，报价单和现场照片见附件。", attachmentIds: ids);
        (await OutboxFilesFor(w.Email)).Should().Be(2, "the email keeps its files until it is delivered");

        var raw = (await Sent(w.Email)).Should().ContainSingle().Subject;
        var mail = raw.Parse();
        (mail.TextBody ?? "").Trim().Should().Be("李主任您好，报价单和现场照片见附件。");
        var parts = mail.Attachments.OfType<MimePart>().ToList();
        parts.Select(p => (p.FileName, p.ContentType.MimeType)).Should().Equal(
            ("报价单（2026年12月）.pdf", "application/pdf"), ("现场照片.png", "image/png"));
        parts.Should().OnlyContain(p => p.ContentDisposition!.Disposition == ContentDisposition.Attachment);
        Bytes(parts[0]).Should().Equal(quote);
        Bytes(parts[1]).Should().Equal(photo);
        raw.Data.Should().Contain("filename*=utf-8''", "a non-ASCII file name is sent RFC 2231-encoded in UTF-8");
        (await OutboxFilesFor(w.Email)).Should().Be(0, "a delivered email's files are not kept twice");

        // A note's files stay inside: a note sends no email at all.
        var noteFile = await Upload(w, "维修记录.pdf", Pdf(1000));
        await (await w.Admin.Act(w.Case.Id, "note", new { body = "内部：配件已申请。", attachmentIds = new[] { noteFile } })).ShouldBe(200);
        (await Sent(w.Email)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_file_beyond_the_email_s_budget_goes_as_a_signed_link_that_opens_without_sign_in_until_it_expires()
    {
        var w = await Setup();
        var manual = Pdf(1_500_000);
        var photo = Png(100_000);
        var ids = new[] { await Upload(w, "维修手册.pdf", manual), await Upload(w, "接线图.png", photo) };
        await w.Admin.Reply(w.Case.Id, "请参考维修手册和接线图。", attachmentIds: ids);

        var mail = (await Sent(w.Email)).Should().ContainSingle().Subject.Parse();
        mail.Attachments.OfType<MimePart>().Select(p => p.FileName).Should().Equal(["接线图.png"], "the small file after the large one still fits");
        var text = mail.TextBody ?? "";
        text.Should().StartWith("请参考维修手册和接线图。").And.Contain("以下文件较大，未随邮件附上，请在 30 天内点击链接下载：").And.Contain("维修手册.pdf (1.4 MB): ");
        var link = text.Split('\n').Single(l => l.StartsWith("维修手册.pdf", StringComparison.Ordinal)).Split(": ", 2)[1].Trim();
        link.Should().StartWith(ReplyFileMailApp.PublicUrl + "/api/public/case-files/");

        var anonymous = app.CreateClient();
        var path = link[ReplyFileMailApp.PublicUrl.Length..];
        var download = await anonymous.GetAsync(path);
        await download.ShouldBe(200);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("维修手册.pdf");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(manual);

        // Altered, forged and foreign tokens are 404; the same link after 30 days is 409 with a reason in the caller's language.
        await (await anonymous.GetAsync(path[..^2] + (path.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"))).ShouldBe(404);
        await (await anonymous.GetAsync("/api/public/case-files/not-a-token")).ShouldBe(404);
        await (await anonymous.GetAsync("/api/public/case-files/" + new string('A', 401))).ShouldBe(404);
        app.Clock.Advance(TimeSpan.FromDays(30));
        var expired = new HttpRequestMessage(HttpMethod.Get, path);
        expired.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var gone = await anonymous.SendAsync(expired);
        await gone.ShouldBe(409);
        (await gone.Content.ReadAsStringAsync()).Should().Contain("下载链接已过期");
    }

    [Fact]
    public async Task An_email_the_mail_server_refuses_until_the_outbox_gives_up_leaves_no_files_behind()
    {
        var w = await Setup();
        var ids = new[] { await Upload(w, "报价单.pdf", Pdf(50_000)) };
        await w.Admin.Reply(w.Case.Id, "李主任您好，报价单见附件。", attachmentIds: ids);
        (await OutboxFilesFor(w.Email)).Should().Be(1);

        try
        {
            // Every attempt is refused ("451 try again later") until the last one (Keqing:Outbox:MaxAttempts, 8).
            for (var attempt = 0; attempt < 10; attempt++)
            {
                app.Smtp.RefuseNext(1000);
                await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
                app.Clock.Advance(TimeSpan.FromHours(1));
            }
        }
        finally
        {
            app.Smtp.RefuseNext(0);
        }

        using var scope = app.Services.CreateScope();
        var message = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Address == w.Email);
        (message.Status, message.LastErrorCode).Should().Be((DeliveryStatus.Failed, "smtp-451"));
        (await OutboxFilesFor(w.Email)).Should().Be(0, "a message given up for good keeps why it failed, not its files");
        app.Smtp.Messages.Should().NotContain(m => m.To.Contains(w.Email, StringComparer.OrdinalIgnoreCase));
    }

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public sealed class ReplyFileMailTestsOnSqlite(SqliteReplyFileMailApp app) : ReplyFileMailTests(app), IClassFixture<SqliteReplyFileMailApp>;
public sealed class ReplyFileMailTestsOnPostgres(PostgresReplyFileMailApp app) : ReplyFileMailTests(app), IClassFixture<PostgresReplyFileMailApp>;
