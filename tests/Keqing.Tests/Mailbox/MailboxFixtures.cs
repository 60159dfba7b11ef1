using System.Collections.Concurrent;
using System.Net.Http.Json;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Testing;
using Keqing.Tests.Fixtures;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Keqing.Tests.Mailbox;

/// <summary>The tests' own inbound-mail handler: records every message handed to it, and takes it unless told to decline.</summary>
public sealed class RecordingMailHandler : IInboundMailHandler
{
    public const string HandlerName = "tests.recorder";
    private readonly ConcurrentQueue<InboundMail> received = new();
    private readonly ConcurrentDictionary<Guid, bool> declining = new();

    public string Name => HandlerName;

    public void Decline(Guid mailboxId) => declining[mailboxId] = true;

    public IReadOnlyList<InboundMail> For(Guid mailboxId) => received.Where(m => m.MailboxId == mailboxId).ToList();

    public Task<bool> Handle(InboundMail mail, CancellationToken ct)
    {
        if (declining.ContainsKey(mail.MailboxId)) return Task.FromResult(false);
        received.Enqueue(mail);
        return Task.FromResult(true);
    }
}

/// <summary>The host with <see cref="RecordingMailHandler"/> contributed and a small message size limit (300 kB).</summary>
public abstract class MailboxApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
{
    public const int MaxMessageBytes = 300_000;
    public RecordingMailHandler Handler { get; } = new();

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Keqing:Mailbox:MaxMessageBytes", MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Keqing:Mailbox:MaxAttachmentBytes", "100000");
        builder.ConfigureTestServices(services => services.AddSingleton<IInboundMailHandler>(Handler));
    }
}

public sealed class SqliteMailboxApp(PostgresServer postgres) : MailboxApp(postgres, Provider.Sqlite);
public sealed class PostgresMailboxApp(PostgresServer postgres) : MailboxApp(postgres, Provider.Postgres);

/// <summary>A dovecot IMAP server for a test class; fails in CI and skips elsewhere when dovecot is not installed.</summary>
public sealed class ImapFixture : IAsyncLifetime
{
    public DovecotServer? Server { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!DovecotServer.IsInstalled)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException("dovecot-imapd is not installed.");
            return;
        }
        Server = await DovecotServer.StartAsync();
    }

    public DovecotServer Require()
    {
        if (Server is null) Assert.Skip("dovecot-imapd is not installed (apt-get install dovecot-imapd).");
        return Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}

/// <summary>Building test messages and talking to the mailbox API and the IMAP server.</summary>
public static class Mail
{
    public static MimeMessage Message(string from, string to, string subject, string text = "您好，我的设备坏了。", string? messageId = null,
        Action<MimeMessage>? more = null)
    {
        var message = new MimeMessage { Subject = subject, MessageId = messageId ?? $"{Guid.NewGuid():N}@customer.example" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Date = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
        message.Body = new TextPart("plain") { Text = text };
        more?.Invoke(message);
        return message;
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public static async Task<CreatedMailboxDto> CreateMailbox(this HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/mailboxes", body);
        await response.ShouldBe(201);
        return await response.Read<CreatedMailboxDto>();
    }

    public static async Task<CreatedMailboxDto> CreateImapMailbox(this HttpClient admin, DovecotServer server, string user, string password) =>
        await admin.CreateMailbox(new
        {
            name = "客服邮箱", address = user, host = server.Host, port = server.Port, security = "none", user, password,
            folder = "INBOX", pollSeconds = 60,
        });

    public static async Task<List<InboundMessageDto>> Messages(this HttpClient admin, Guid mailboxId, string? status = null)
    {
        var response = await admin.GetAsync($"/api/mailboxes/{mailboxId}/messages?limit=200" + (status is null ? "" : $"&status={status}"));
        await response.ShouldBe(200);
        return (await response.Read<Page<InboundMessageDto>>()).Items.ToList();
    }

    public static async Task<PollResultDto> Poll(this HttpClient admin, Guid mailboxId)
    {
        var response = await admin.PostAsync($"/api/mailboxes/{mailboxId}/poll", null);
        await response.ShouldBe(200);
        return await response.Read<PollResultDto>();
    }

    public static async Task<ImapClient> Imap(DovecotServer server, string user, string password)
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    /// <summary>Delivers messages into the user's INBOX with IMAP APPEND (unseen).</summary>
    public static async Task Deliver(DovecotServer server, string user, string password, params MimeMessage[] messages)
    {
        using var client = await Imap(server, user, password);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        foreach (var message in messages) await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None));
        await client.DisconnectAsync(true);
    }

    public static async Task<int> UnseenCount(DovecotServer server, string user, string password)
    {
        using var client = await Imap(server, user, password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var unseen = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.NotSeen);
        await client.DisconnectAsync(true);
        return unseen.Count;
    }
}
