using System.Net;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Keqing.Modules.Mailbox.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>The admin's mailboxes: list, create, change (If-Match), delete, test the connection, poll now, new webhook secret, and what came in.</summary>
public sealed class ManageMailboxes(KeqingDb db, MailboxSecrets secrets, ImapPoller poller, JobLeases leases,
    IOptions<MailboxOptions> options, TimeProvider clock)
{
    public async Task<Page<MailboxDto>> List(int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var rows = db.Set<InboundMailbox>().AsNoTracking();
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(m => m.Id.CompareTo(last) > 0);
        var items = await rows.OrderBy(m => m.Id).Take(take + 1).ToListAsync(ct);
        var ids = items.Select(m => m.Id).ToList();
        var states = await db.Set<MailboxPollState>().AsNoTracking().Where(s => ids.Contains(s.MailboxId)).ToDictionaryAsync(s => s.MailboxId, ct);
        return Paging.ToPage(items.Select(m => ToDto(m, states.GetValueOrDefault(m.Id))).ToList(), take, m => (Guid?)m.Id);
    }

    public async Task<MailboxDto> Get(Guid id, CancellationToken ct)
    {
        var mailbox = await Find(id, tracked: false, ct);
        return ToDto(mailbox, await db.Set<MailboxPollState>().AsNoTracking().FirstOrDefaultAsync(s => s.MailboxId == id, ct));
    }

    public async Task<CreatedMailboxDto> Create(MailboxInput input, CancellationToken ct)
    {
        Check(input, creating: true);
        var secret = MailboxSecrets.NewSecret();
        var mailbox = new InboundMailbox
        {
            Key = MailboxSecrets.NewKey(), Name = "", Address = "", ProtectedWebhookSecret = secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Apply(mailbox, input);
        db.Add(mailbox);
        await db.SaveChangesAsync(ct);
        return new CreatedMailboxDto(ToDto(mailbox, null), secret);
    }

    public async Task<MailboxDto> Update(Guid id, long expectedVersion, MailboxInput input, CancellationToken ct)
    {
        var mailbox = await Find(id, tracked: true, ct);
        Check(input, creating: false);
        Preconditions.ExpectVersion(db, mailbox, expectedVersion);
        Apply(mailbox, input);
        await db.SaveChangesAsync(ct);
        return ToDto(mailbox, await db.Set<MailboxPollState>().AsNoTracking().FirstOrDefaultAsync(s => s.MailboxId == id, ct));
    }

    /// <summary>Deletes a mailbox nothing has come into yet (409 otherwise: disable it, its messages stay).</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var mailbox = await Find(id, tracked: true, ct);
        if (await db.Set<InboundMessage>().AnyAsync(m => m.MailboxId == id, ct))
            throw new ConflictException(FieldErrors.Text("Mail has come into this mailbox; disable it instead."));
        db.Remove(mailbox);
        await db.SaveChangesAsync(ct);
    }

    public async Task<WebhookSecretDto> NewWebhookSecret(Guid id, CancellationToken ct)
    {
        var mailbox = await Find(id, tracked: true, ct);
        var secret = MailboxSecrets.NewSecret();
        mailbox.ProtectedWebhookSecret = secrets.Protect(secret);
        await db.SaveChangesAsync(ct);
        return new WebhookSecretDto(secret);
    }

    public async Task<ConnectionTestDto> Test(Guid id, CancellationToken ct)
    {
        var mailbox = await Find(id, tracked: false, ct);
        if (string.IsNullOrEmpty(mailbox.Host)) return new ConnectionTestDto(false, FieldErrors.Text("This mailbox has no IMAP server; it only receives through its webhook."));
        return await poller.Test(mailbox, ct);
    }

    /// <summary>Polls the mailbox now, under its poll lease (409 while another node is polling it).</summary>
    public async Task<PollResultDto> PollNow(Guid id, CancellationToken ct)
    {
        await Find(id, tracked: false, ct);
        await using var lease = await leases.TryAcquireAsync(MailboxPollJob.JobName, id, TimeSpan.FromSeconds(Math.Max(30, options.Value.PollLeaseSeconds)), ct)
                                ?? throw new ConflictException(FieldErrors.Text("The mailbox is being polled right now; try again in a moment."));
        return await poller.Poll(id, ct);
    }

    /// <summary>The messages of a mailbox, newest first; <paramref name="status"/> handedOn|unclaimed|held narrows them.</summary>
    public async Task<Page<InboundMessageDto>> Messages(Guid id, string? status, int? limit, string? after, CancellationToken ct)
    {
        await Find(id, tracked: false, ct);
        InboundStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
            wanted = Enum.TryParse<InboundStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
                : throw new ValidationFailedException("status", FieldErrors.Text("status is one of handedOn, unclaimed, held."));
        var take = Paging.Limit(limit);
        var rows = db.Set<InboundMessage>().AsNoTracking().Where(m => m.MailboxId == id);
        if (wanted is { } w) rows = rows.Where(m => m.Status == w);
        if (Paging.Decode<Guid?>(after) is { } last) rows = rows.Where(m => m.Id.CompareTo(last) < 0);
        var items = await rows.OrderByDescending(m => m.Id).Take(take + 1)
            .Select(m => new InboundMessageDto(m.Id, m.MailboxId, m.MessageId, m.From, m.Subject, m.Date, m.ReceivedAt, m.Source, m.Status,
                m.HeldReason, m.HandledBy, db.Set<InboundAttachment>().Count(a => a.MessageId == m.Id), m.Size))
            .ToListAsync(ct);
        return Paging.ToPage(items, take, m => (Guid?)m.Id);
    }

    private async Task<InboundMailbox> Find(Guid id, bool tracked, CancellationToken ct)
    {
        var rows = tracked ? db.Set<InboundMailbox>() : db.Set<InboundMailbox>().AsNoTracking();
        return await rows.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new NotFoundException("mailbox");
    }

    private void Apply(InboundMailbox mailbox, MailboxInput input)
    {
        mailbox.Name = input.Name.Trim();
        mailbox.Address = input.Address.Trim().ToLowerInvariant();
        mailbox.Host = string.IsNullOrWhiteSpace(input.Host) ? null : input.Host.Trim();
        mailbox.Security = input.Security ?? MailSecurity.Tls;
        mailbox.Port = input.Port ?? (mailbox.Security == MailSecurity.Tls ? 993 : 143);
        mailbox.User = string.IsNullOrWhiteSpace(input.User) ? null : input.User.Trim();
        if (input.Password is not null) mailbox.ProtectedPassword = input.Password.Length == 0 ? null : secrets.Protect(input.Password);
        mailbox.Folder = string.IsNullOrWhiteSpace(input.Folder) ? "INBOX" : input.Folder.Trim();
        mailbox.PollSeconds = input.PollSeconds ?? 60;
        mailbox.Enabled = input.Enabled;
    }

    private static void Check(MailboxInput input, bool creating)
    {
        var errors = new FieldErrors().Required("name", input.Name).MaxLength("name", input.Name, 200)
            .Required("address", input.Address).Email("address", input.Address?.Trim()).MaxLength("address", input.Address, 256)
            .MaxLength("host", input.Host, 253).MaxLength("user", input.User, 256).MaxLength("password", input.Password, 500)
            .MaxLength("folder", input.Folder, 200);
        if (!string.IsNullOrWhiteSpace(input.Host))
        {
            var host = input.Host.Trim();
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown) errors.Add("host", FieldErrors.Text("Not a host name or IP address."));
            else if (input.Security == MailSecurity.None && !IsLoopback(host))
                errors.Add("security", FieldErrors.Text("Without TLS only a server on this machine (localhost) may be used; choose STARTTLS or TLS."));
            if (creating && string.IsNullOrEmpty(input.Password)) errors.Add("password", FieldErrors.Text("Required."));
        }
        if (input.Port is { } port && port is < 1 or > 65535) errors.Add("port", FieldErrors.Text("A port is between 1 and 65535."));
        if (input.PollSeconds is { } seconds && seconds is < 10 or > 86400) errors.Add("pollSeconds", FieldErrors.Text("Poll every 10 to 86400 seconds."));
        if (input.Security is { } security && !Enum.IsDefined(security)) errors.Add("security", FieldErrors.Text("security is one of none, startTls, tls."));
        errors.ThrowIfAny();
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static MailboxDto ToDto(InboundMailbox m, MailboxPollState? state) => new(m.Id, m.Key, m.Name, m.Address, m.Host, m.Port,
        m.Security, m.User, m.ProtectedPassword is not null, m.Folder, m.PollSeconds, m.Enabled, state?.LastPolledAt, state?.LastError,
        m.CreatedAt, m.Version);
}
