using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// The approvals' part in a data-subject request (DOMAIN P3) of a customer: the requests about the customer's records
/// (their title names the customer; the reason, the approvers' comments and the history's comments are free text that
/// may name the person). Export gives them; erasure puts a placeholder in the titles and clears the free text, keeping
/// who decided what and when, the amounts and the statuses.
/// </summary>
public sealed class ApprovalPersonalData(KeqingDb db, AuditInterceptor audit) : IPersonalDataStep
{
    /// <summary>What an erased title reads as.</summary>
    public const string Erased = "[erased]";

    public string Part => "approvals";

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<object>>> Export(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return new Dictionary<string, IReadOnlyList<object>>();
        var requests = await db.Set<ApprovalRequest>().AsNoTracking().Where(r => r.CustomerId == subject.Id).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var tasks = await db.Set<ApprovalTask>().AsNoTracking().Where(t => ids.Contains(t.RequestId) && t.Comment != null).ToListAsync(ct);
        var actions = await db.Set<ApprovalAction>().AsNoTracking().Where(a => ids.Contains(a.RequestId)).OrderBy(a => a.At).ToListAsync(ct);
        return new Dictionary<string, IReadOnlyList<object>>
        {
            ["requests"] = requests.Select(r => (object)new
            {
                r.Id, r.RecordType, r.RecordId, r.Title, r.Status, r.Reason, r.SubmittedBy, r.SubmittedAt, r.DecidedAt,
            }).ToList(),
            ["comments"] = tasks.Select(t => (object)new { t.RequestId, t.ApproverId, t.Status, t.Comment, t.DecidedAt }).ToList(),
            ["history"] = actions.Select(a => (object)new { a.RequestId, a.At, a.UserId, a.Kind, a.StepName, a.Comment }).ToList(),
        };
    }

    public async Task<ErasedData> Erase(DataSubject subject, CancellationToken ct)
    {
        if (subject.Type != SubjectType.Customer) return ErasedData.Count(0);
        var requests = await db.Set<ApprovalRequest>().Where(r => r.CustomerId == subject.Id).ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        foreach (var r in requests)
        {
            audit.RedactValuesOf(r.Id);
            (r.Title, r.Reason) = (Erased, null);
        }
        // Tracked changes, not set-based updates: they commit with the rest of the erasure or not at all.
        foreach (var t in await db.Set<ApprovalTask>().Where(t => ids.Contains(t.RequestId) && t.Comment != null).ToListAsync(ct))
        {
            audit.RedactValuesOf(t.Id);
            t.Comment = null;
        }
        foreach (var a in await db.Set<ApprovalAction>().Where(a => ids.Contains(a.RequestId) && a.Comment != null).ToListAsync(ct))
        {
            audit.RedactValuesOf(a.Id);
            a.Comment = null;
        }
        return ErasedData.Count(requests.Count);
    }
}
