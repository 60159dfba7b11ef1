using Keqing.Infrastructure.Data;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>
/// Polls one mailbox over IMAP (MailKit): the unseen messages above the last UID stored, in UID order; each is stored
/// (<see cref="MailIntake"/>, in a scope of its own) and only then flagged \Seen, and only then is the UID remembered.
/// A poll that stops anywhere — a crash, a lost connection — leaves the message unseen, and the next poll finds it
/// stored already and just flags it. A new UIDVALIDITY (the folder was rebuilt) starts over from UID 1; the Message-ID
/// index keeps that from storing anything twice.
/// </summary>
public sealed class ImapPoller(IServiceScopeFactory scopes, MailboxSecrets secrets, IOptions<MailboxOptions> options,
    TimeProvider clock, ILogger<ImapPoller> log)
{
    /// <summary>Connects, signs in and opens the folder; the server's answer when that fails.</summary>
    public async Task<ConnectionTestDto> Test(InboundMailbox mailbox, CancellationToken ct)
    {
        try
        {
            using var client = await Connect(mailbox, ct);
            var folder = await FolderOf(client, mailbox, ct);
            await folder.OpenAsync(FolderAccess.ReadOnly, ct);
            await client.DisconnectAsync(true, ct);
            return new ConnectionTestDto(true, null);
        }
        catch (Exception e) when (IsMailError(e))
        {
            return new ConnectionTestDto(false, e.Message);
        }
    }

    /// <summary>One poll; the number of messages stored and seen again, or the error that stopped it (also kept on the poll state).</summary>
    public async Task<PollResultDto> Poll(Guid mailboxId, CancellationToken ct)
    {
        InboundMailbox mailbox;
        MailboxPollState state;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            mailbox = await db.Set<InboundMailbox>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == mailboxId, ct)
                      ?? throw new Keqing.Infrastructure.Http.NotFoundException("mailbox");
            state = await db.Set<MailboxPollState>().AsNoTracking().FirstOrDefaultAsync(s => s.MailboxId == mailboxId, ct)
                    ?? new MailboxPollState { MailboxId = mailboxId };
        }
        if (string.IsNullOrEmpty(mailbox.Host)) return new PollResultDto(0, 0, null);

        int stored = 0, again = 0;
        string? error = null;
        try
        {
            using var client = await Connect(mailbox, ct);
            var folder = await FolderOf(client, mailbox, ct);
            await folder.OpenAsync(FolderAccess.ReadWrite, ct);
            if (state.UidValidity != folder.UidValidity)
            {
                if (state.UidValidity != 0) log.LogWarning("UIDVALIDITY of mailbox {Mailbox} changed; reading the folder again", mailbox.Id);
                state.UidValidity = folder.UidValidity;
                state.LastUid = 0;
            }
            var above = new UniqueIdRange(new UniqueId(folder.UidValidity, (uint)Math.Min(state.LastUid + 1, uint.MaxValue)), UniqueId.MaxValue);
            var uids = (await folder.SearchAsync(SearchQuery.NotSeen.And(SearchQuery.Uids(above)), ct))
                .Where(u => u.Id > state.LastUid).OrderBy(u => u.Id).Take(Math.Max(1, options.Value.PollBatch)).ToList();
            if (uids.Count > 0)
            {
                var sizes = (await folder.FetchAsync(uids, new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size), ct))
                    .ToDictionary(s => s.UniqueId, s => (long)(s.Size ?? 0));
                foreach (var uid in uids)
                {
                    var size = sizes.GetValueOrDefault(uid);
                    var tooLarge = size > options.Value.MaxMessageBytes;
                    var mime = tooLarge ? new MimeKit.MimeMessage(await folder.GetHeadersAsync(uid, ct)) : await folder.GetMessageAsync(uid, ct);
                    await using (var scope = scopes.CreateAsyncScope())
                    {
                        var outcome = await scope.ServiceProvider.GetRequiredService<MailIntake>()
                            .Store(mailbox, mime, size, MessageSources.Imap, uid.Id, tooLarge, ct);
                        if (outcome.Duplicate) again++; else stored++;
                    }
                    // Only once it is stored: a crash before this line leaves it unseen, to be found stored next time.
                    await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, ct);
                    state.LastUid = uid.Id;
                }
            }
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception e) when (IsMailError(e))
        {
            log.LogWarning(e, "Polling mailbox {Mailbox} failed", mailbox.Id);
            error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
        }
        await SaveState(state, error, ct);
        return new PollResultDto(stored, again, error);
    }

    private async Task SaveState(MailboxPollState state, string? error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var row = await db.Set<MailboxPollState>().FirstOrDefaultAsync(s => s.MailboxId == state.MailboxId, ct);
        if (row is null) db.Add(row = new MailboxPollState { MailboxId = state.MailboxId });
        row.UidValidity = state.UidValidity;
        row.LastUid = Math.Max(state.UidValidity == row.UidValidity ? row.LastUid : 0, state.LastUid);
        row.LastPolledAt = clock.GetUtcNow().UtcDateTime;
        row.LastError = error;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<IMailFolder> FolderOf(ImapClient client, InboundMailbox mailbox, CancellationToken ct) =>
        mailbox.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, ct);

    private async Task<ImapClient> Connect(InboundMailbox mailbox, CancellationToken ct)
    {
        var client = new ImapClient { Timeout = Math.Max(1, options.Value.ImapTimeoutSeconds) * 1000 };
        try
        {
            var security = mailbox.Security switch
            {
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(mailbox.Host ?? throw new InvalidOperationException("The mailbox has no IMAP host."), mailbox.Port, security, ct);
            var password = mailbox.ProtectedPassword is null ? "" : secrets.Unprotect(mailbox.ProtectedPassword);
            await client.AuthenticateAsync(mailbox.User ?? mailbox.Address, password, ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool IsMailError(Exception e) => e is IOException or System.Net.Sockets.SocketException or ImapProtocolException
        or ImapCommandException or AuthenticationException or SslHandshakeException or FolderNotFoundException
        or ServiceNotConnectedException or ServiceNotAuthenticatedException or TimeoutException
        or System.Security.Cryptography.CryptographicException;
}
