using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Features;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Mailbox;

/// <summary>
/// The mailbox API on both providers: admins only, the password stored but never returned, every bad field named in
/// the 400 (in the caller's language), If-Match on changes, and a mailbox mail came into cannot be deleted.
/// </summary>
public abstract class MailboxApiTests(MailboxApp app)
{
    private static HttpRequestMessage Put(Guid id, object body, string? ifMatch) => new(HttpMethod.Put, $"/api/mailboxes/{id}")
    {
        Content = JsonContent.Create(body, options: ApiHelpers.Json),
        Headers = { { "If-Match", ifMatch is null ? [] : [ifMatch] } },
    };

    [Fact]
    public async Task The_password_is_kept_but_never_returned_and_changes_need_If_Match()
    {
        var admin = await app.AdminClient();
        const string password = "imap-Passw0rd-不可见";
        var created = await admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "客服邮箱", address = "Service@Keqing.example", host = "imap.keqing.example", security = "tls", user = "service", password,
        });
        await created.ShouldBe(201);
        var createdText = await created.Content.ReadAsStringAsync();
        createdText.Should().NotContain(password).And.NotContain("\"password\"");
        var mailbox = (await created.Content.ReadFromJsonAsync<CreatedMailboxDto>(ApiHelpers.Json))!;
        mailbox.WebhookSecret.Should().HaveLength(43);
        mailbox.Mailbox.Should().Match<MailboxDto>(m => m.HasPassword && m.Port == 993 && m.Security == MailSecurity.Tls && m.Folder == "INBOX"
            && m.Address == "service@keqing.example" && m.Key.Length == 22);
        createdText.Should().Contain("\"security\":\"tls\"");

        var read = await admin.GetAsync($"/api/mailboxes/{mailbox.Mailbox.Id}");
        await read.ShouldBe(200);
        read.Headers.ETag!.Tag.Should().Be("\"0\"");
        (await read.Content.ReadAsStringAsync()).Should().NotContain(password).And.NotContain(mailbox.WebhookSecret);
        (await (await admin.GetAsync("/api/mailboxes?limit=200")).Content.ReadAsStringAsync()).Should().NotContain(password);

        var change = new { name = "售后邮箱", address = "service@keqing.example", host = "imap.keqing.example", security = "startTls", user = "service" };
        await (await admin.SendAsync(Put(mailbox.Mailbox.Id, change, null))).ShouldBe(428);
        await (await admin.SendAsync(Put(mailbox.Mailbox.Id, change, "\"5\""))).ShouldBe(412);
        var changed = await admin.SendAsync(Put(mailbox.Mailbox.Id, change, "\"0\""));
        await changed.ShouldBe(200);
        (await changed.Read<MailboxDto>()).Should().Match<MailboxDto>(m => m.Name == "售后邮箱" && m.Port == 143 && m.HasPassword && m.Version == 1);

        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        await (await rep.GetAsync("/api/mailboxes")).ShouldBe(403);
        await (await rep.GetAsync($"/api/mailboxes/{mailbox.Mailbox.Id}")).ShouldBe(403);
        await (await admin.GetAsync($"/api/mailboxes/{Guid.NewGuid()}")).ShouldBe(404);

        await (await admin.DeleteAsync($"/api/mailboxes/{mailbox.Mailbox.Id}")).ShouldBe(204);
        await (await admin.GetAsync($"/api/mailboxes/{mailbox.Mailbox.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_the_400_in_the_caller_s_language()
    {
        var admin = await app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/mailboxes", new
        {
            name = "", address = "not-an-address", host = "imap.example.com", port = 70000, security = "none", pollSeconds = 1,
            folder = new string('f', 201),
        });
        await response.ShouldBe(400);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(new[] { "name", "address", "port", "security", "pollSeconds", "folder", "password" });
        errors.GetProperty("security")[0].GetString().Should().Contain("localhost", "without TLS only a server on this machine");

        var chinese = new HttpRequestMessage(HttpMethod.Post, "/api/mailboxes")
        {
            Content = JsonContent.Create(new { name = "x", address = "x@keqing.example", host = "mail.example.com", security = "none", password = "p" }),
        };
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await admin.SendAsync(chinese);
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("只能连接本机");

        await (await admin.PostAsJsonAsync("/api/mailboxes", new { name = "x", address = "x@keqing.example", security = "carrier-pigeon" })).ShouldBe(400);
        await (await admin.GetAsync($"/api/mailboxes/{Guid.NewGuid()}/messages?status=lost")).ShouldBe(404);
    }

    [Fact]
    public async Task A_mailbox_mail_came_into_cannot_be_deleted_only_disabled_and_a_disabled_one_takes_no_webhook_posts()
    {
        var admin = await app.AdminClient();
        var mailbox = await admin.CreateMailbox(new { name = "投诉邮箱", address = $"{ApiHelpers.Unique("complaints")}@keqing.example" });
        var body = Mail.Bytes(Mail.Message("feng@customer.example", mailbox.Mailbox.Address, "投诉"));
        var anonymous = app.CreateClient();
        var post = () => new HttpRequestMessage(HttpMethod.Post, $"/api/public/mail/{mailbox.Mailbox.Key}")
        {
            Content = new ByteArrayContent(body),
            Headers = { { ReceiveWebhookMail.SignatureHeader, ReceiveWebhookMail.Sign(mailbox.WebhookSecret, body) } },
        };
        await (await anonymous.SendAsync(post())).ShouldBe(200);
        await (await admin.GetAsync($"/api/mailboxes/{mailbox.Mailbox.Id}/messages?status=lost")).ShouldBe(400);

        await (await admin.DeleteAsync($"/api/mailboxes/{mailbox.Mailbox.Id}")).ShouldBe(409);
        var disabled = await admin.SendAsync(Put(mailbox.Mailbox.Id, new { name = "投诉邮箱", address = mailbox.Mailbox.Address, enabled = false }, "\"0\""));
        await disabled.ShouldBe(200);
        await (await anonymous.SendAsync(post())).ShouldBe(404);
        await (await admin.PostAsync($"/api/mailboxes/{mailbox.Mailbox.Id}/test", null)).ShouldBe(200);
    }
}

public sealed class MailboxApiTestsOnSqlite(SqliteMailboxApp app) : MailboxApiTests(app), IClassFixture<SqliteMailboxApp>;
public sealed class MailboxApiTestsOnPostgres(PostgresMailboxApp app) : MailboxApiTests(app), IClassFixture<PostgresMailboxApp>;
