using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Domain;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Who sees which timeline records (docs/adr/0003-timeline-access.md): a record is visible to whoever may see its
/// customer AND (sees all of that customer — admin, its owner, the manager of its owning team — OR recorded it / holds
/// it OR belongs to or manages the recording employee's team). System entries (no employee) follow the customer.
/// </summary>
public sealed class TimelineAccess(IRecordAccess access, ICustomerDirectory customers)
{
    /// <summary>The acting user as the rules need them; <see cref="Team"/> is <see cref="Guid.Empty"/> without a team.</summary>
    public sealed record Viewer(Guid UserId, bool IsAdmin, Guid Team, List<Guid> Teams);

    public async Task<Viewer> ViewerAsync(CancellationToken ct)
    {
        var s = await access.ScopeAsync(ct);
        var teams = s.ManagedTeamIds.ToList();
        if (s.TeamId is { } own && !teams.Contains(own)) teams.Add(own);
        return new Viewer(s.UserId, s.IsAdmin, s.TeamId ?? Guid.Empty, teams);
    }

    /// <summary>The customer if the caller may see it, else 404.</summary>
    public async Task<CustomerSummary> Customer(Guid id, CancellationToken ct) =>
        await customers.FindVisible(id, ct) ?? throw new NotFoundException("customer");

    /// <summary>Whether the caller sees every record on this (visible) customer: admin, owner, or manager of its team (DOMAIN C2).</summary>
    public async Task<bool> SeesAllOf(CustomerSummary customer, CancellationToken ct)
    {
        var s = await access.ScopeAsync(ct);
        return s.IsAdmin || customer.OwnerId == s.UserId || (customer.TeamId is { } t && s.ManagedTeamIds.Contains(t));
    }

    /// <summary>Timeline entries of one visible customer the caller may see.</summary>
    public async Task<IQueryable<TimelineEntry>> Entries(IQueryable<TimelineEntry> query, CustomerSummary customer, CancellationToken ct)
    {
        if (await SeesAllOf(customer, ct)) return query;
        var (me, teams) = await Mine(ct);
        return query.Where(e => e.UserId == null || e.UserId == me || (e.TeamId != null && teams.Contains(e.TeamId.Value)));
    }

    /// <summary>Interactions the caller may see, across customers.</summary>
    public async Task<IQueryable<Interaction>> Interactions(IQueryable<Interaction> query, CancellationToken ct)
    {
        var v = await ViewerAsync(ct);
        if (v.IsAdmin) return query;
        var visible = await customers.Visible(ct);
        var (me, teams, managed) = (v.UserId, v.Teams, (await access.ScopeAsync(ct)).ManagedTeamIds.ToList());
        return query.Where(i => visible.Any(c => c.Id == i.CustomerId
            && (c.OwnerId == me || (c.TeamId != null && managed.Contains(c.TeamId.Value))
                || i.UserId == me || (i.TeamId != null && teams.Contains(i.TeamId.Value)))));
    }

    /// <summary>Commitments the caller may see, across customers (the promiser and the current owner both count as recorders).</summary>
    public async Task<IQueryable<Commitment>> Commitments(IQueryable<Commitment> query, CancellationToken ct)
    {
        var v = await ViewerAsync(ct);
        if (v.IsAdmin) return query;
        var visible = await customers.Visible(ct);
        var (me, teams, managed) = (v.UserId, v.Teams, (await access.ScopeAsync(ct)).ManagedTeamIds.ToList());
        return query.Where(x => visible.Any(c => c.Id == x.CustomerId
            && (c.OwnerId == me || (c.TeamId != null && managed.Contains(c.TeamId.Value))
                || x.OwnerId == me || x.PromisedById == me || (x.TeamId != null && teams.Contains(x.TeamId.Value)))));
    }

    /// <summary>
    /// Tasks the caller may see: their own (assigned or created), their team's or managed teams' tasks, and tasks on a
    /// customer they see all of; a task on a customer the caller may not see never shows.
    /// </summary>
    public async Task<IQueryable<TaskItem>> Tasks(IQueryable<TaskItem> query, CancellationToken ct)
    {
        var v = await ViewerAsync(ct);
        if (v.IsAdmin) return query;
        var visible = await customers.Visible(ct);
        var (me, teams, managed) = (v.UserId, v.Teams, (await access.ScopeAsync(ct)).ManagedTeamIds.ToList());
        return query.Where(t => t.AssigneeId == me || t.CreatedById == me
            || (t.CustomerId == null && t.TeamId != null && managed.Contains(t.TeamId.Value))
            || visible.Any(c => c.Id == t.CustomerId
                && (c.OwnerId == me || (c.TeamId != null && managed.Contains(c.TeamId.Value))
                    || (t.TeamId != null && teams.Contains(t.TeamId.Value)))));
    }

    /// <summary>Whether the caller may change or delete what <paramref name="userId"/> (of <paramref name="teamId"/>) recorded: that employee, their team's manager, an admin.</summary>
    public async Task<bool> MayEdit(Guid userId, Guid? teamId, CancellationToken ct)
    {
        var s = await access.ScopeAsync(ct);
        return s.IsAdmin || userId == s.UserId || (teamId is { } t && s.ManagedTeamIds.Contains(t));
    }

    private async Task<(Guid Me, List<Guid> Teams)> Mine(CancellationToken ct)
    {
        var v = await ViewerAsync(ct);
        return (v.UserId, v.Teams);
    }
}
