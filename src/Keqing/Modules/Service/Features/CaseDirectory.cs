using System.Text.RegularExpressions;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>Cases for the mailbox and the portal (<see cref="ICaseDirectory"/>).</summary>
public sealed partial class CaseDirectory(KeqingDb db, CaseConversation conversation) : ICaseDirectory
{
    [GeneratedRegex(@"CS-\d{4}-\d{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex Token();

    public async Task<CaseRef?> FindByNumber(string numberOrToken, CancellationToken ct)
    {
        if (Token().Match(numberOrToken ?? "") is not { Success: true } match) return null;
        var number = match.Value.ToUpperInvariant();
        return await db.Set<ServiceCase>().AsNoTracking().Where(c => c.Number == number)
            .Select(c => new CaseRef(c.Id, c.Number, c.CustomerId, c.ContactId, c.Status, c.Subject)).FirstOrDefaultAsync(ct);
    }

    public Task<Guid> AddCustomerReply(Guid caseId, string body, IReadOnlyList<CaseFile>? attachments, CancellationToken ct) =>
        conversation.CustomerReply(caseId, body, attachments, ct);
}
