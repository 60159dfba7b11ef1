using Keqing.Infrastructure.Data;
using Keqing.Modules.Mailbox.Contracts;
using Keqing.Modules.Mailbox.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Mailbox.Features;

/// <summary>The mailboxes for other modules (<see cref="IMailboxDirectory"/>).</summary>
public sealed class MailboxDirectory(KeqingDb db) : IMailboxDirectory
{
    public async Task<IReadOnlyList<InboundFile>> Files(IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        // The message being handed on is not saved yet: its attachments are in the unit of work.
        var pending = db.Set<InboundAttachment>().Local.Where(a => ids.Contains(a.Id)).ToList();
        var missing = ids.Except(pending.Select(a => a.Id)).ToList();
        var stored = missing.Count == 0 ? new List<InboundAttachment>() : await db.Set<InboundAttachment>().AsNoTracking().Where(a => missing.Contains(a.Id)).ToListAsync(ct);
        var byId = pending.Concat(stored).ToDictionary(a => a.Id);
        return ids.Select(id => byId.GetValueOrDefault(id)).OfType<InboundAttachment>()
            .Select(a => new InboundFile(a.Id, a.FileName, a.ContentType, a.Data)).ToList();
    }

    public async Task<string?> ReplyAddress(Guid? mailboxId, CancellationToken ct)
    {
        var enabled = db.Set<InboundMailbox>().AsNoTracking().Where(m => m.Enabled);
        if (mailboxId is { } id && await enabled.Where(m => m.Id == id).Select(m => m.Address).FirstOrDefaultAsync(ct) is { } own) return own;
        return await enabled.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Address).FirstOrDefaultAsync(ct);
    }
}
