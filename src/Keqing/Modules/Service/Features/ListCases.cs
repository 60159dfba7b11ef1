using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Keqing.Modules.Sla.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The list's filters (all optional): <paramref name="Open"/> true = new, open or waiting; <paramref name="Mine"/> = owned by
/// the caller (我的工单); <paramref name="Queue"/> = the caller's team's cases; a category includes its sub-categories;
/// <paramref name="Q"/> is a case number or words of the subject; <paramref name="Sla"/> = near breach or breached (a running SLA clock);
/// <paramref name="Shared"/> = others' cases shared with the caller (共享给我的).
/// </summary>
public sealed record CaseQuery(
    CaseStatus? Status = null, CaseType? Type = null, CasePriority? Priority = null, Guid? OwnerId = null, Guid? TeamId = null,
    Guid? CustomerId = null, Guid? CategoryId = null, string? Q = null, bool? Open = null, bool Mine = false, bool Queue = false,
    SlaRisk? Sla = null, bool Shared = false);

/// <summary>The cases the caller may see that match a query, newest first, keyset-paged.</summary>
public sealed class ListCases(KeqingDb db, CaseAccess access, IRecordAccess records, CurrentUser user, ICustomerDirectory customers,
    IUserDirectory users, ISlaClocks clocks)
{
    private sealed record Cursor(DateTime CreatedAt, Guid Id);

    public async Task<Page<CaseSummaryDto>> Handle(CaseQuery q, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        var query = await Visible(q, ct);
        if (cursor is { } c)
            query = query.Where(x => x.CreatedAt < c.CreatedAt || (x.CreatedAt == c.CreatedAt && x.Id.CompareTo(c.Id) < 0));
        var rows = await query.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id).Take(take + 1).ToListAsync(ct);
        var page = Paging.ToPage(rows, take, x => new Cursor(x.CreatedAt, x.Id));
        return new Page<CaseSummaryDto>(await Summaries(page.Items, ct), page.Next);
    }

    public async Task<IQueryable<ServiceCase>> Visible(CaseQuery q, CancellationToken ct)
    {
        var query = db.Set<ServiceCase>().AsNoTracking();
        if (q.Status is { } status) query = query.Where(x => x.Status == status);
        if (q.Open == true) query = query.Where(x => x.Status == CaseStatus.New || x.Status == CaseStatus.Open || x.Status == CaseStatus.WaitingOnCustomer);
        if (q.Open == false) query = query.Where(x => x.Status == CaseStatus.Resolved || x.Status == CaseStatus.Closed);
        if (q.Type is { } type) query = query.Where(x => x.Type == type);
        if (q.Priority is { } priority) query = query.Where(x => x.Priority == priority);
        if (q.OwnerId is { } owner) query = query.Where(x => x.OwnerId == owner);
        if (q.Mine)
        {
            var me = user.UserId;
            query = query.Where(x => x.OwnerId == me);
        }
        if (q.TeamId is { } team) query = query.Where(x => x.TeamId == team);
        if (q.Queue)
        {
            var myTeam = (await records.ScopeAsync(ct)).TeamId;
            query = myTeam is { } t ? query.Where(x => x.TeamId == t) : query.Where(x => false);
        }
        if (q.CustomerId is { } customer) query = query.Where(x => x.CustomerId == customer);
        if (q.CategoryId is { } category)
        {
            var ids = await CaseCategories.Subtree(db, category, ct);
            query = query.Where(x => x.CategoryId != null && ids.Contains(x.CategoryId.Value));
        }
        if (!string.IsNullOrWhiteSpace(q.Q))
        {
            var text = q.Q.Trim();
            if (text.Length > 100) throw new ValidationFailedException("q", FieldErrors.Text("At most {0} characters.", 100));
            var number = text.ToUpperInvariant();
            query = query.Where(x => x.Number == number || x.Subject.Contains(text));
        }
        if (q.Sla is { } risk)
        {
            var atRisk = clocks.RecordsAt(CaseSla.RecordType, risk);
            query = query.Where(x => atRisk.Contains(x.Id));
        }
        // Shared with me (共享给我的): others' cases shared with the caller or their team, the share not ended.
        return q.Shared ? await records.SharedWithMe(query, ct) : await access.Visible(query, ct);
    }

    public async Task<IReadOnlyList<CaseSummaryDto>> Summaries(IReadOnlyList<ServiceCase> cases, CancellationToken ct)
    {
        var customerNames = await customers.Find(cases.Select(c => c.CustomerId).Distinct(), ct);
        var names = await users.Names(cases.Select(c => c.OwnerId).Distinct(), ct);
        var slas = await clocks.Glance(CaseSla.RecordType, cases.Select(c => c.Id).ToList(), ct);
        return cases.Select(c => new CaseSummaryDto(c.Id, c.Number, c.Subject, c.Type, c.Priority, c.Status, c.CustomerId,
            customerNames.GetValueOrDefault(c.CustomerId)?.Name ?? "", c.OwnerId, names.GetValueOrDefault(c.OwnerId), c.TeamId, c.CategoryId,
            c.CreatedAt, c.UpdatedAt, c.FirstResponseAt, slas.GetValueOrDefault(c.Id))).ToList();
    }
}
