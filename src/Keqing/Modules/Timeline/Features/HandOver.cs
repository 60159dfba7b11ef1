using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Hand-over (DOMAIN A4, T4): a manager of the employee's team, or an admin, moves one, some or all of an employee's
/// customers — round-robin over one or several colleagues — with the employee's open tasks and commitments on them
/// (and what other modules' <see cref="IHandoverStep"/>s move), in one transaction. History stays as it was recorded;
/// each customer's timeline gets a hand-over entry, and the hand-over itself and every ownership change are audited.
/// This is the path for deactivating an employee: hand over everything first.
/// </summary>
public sealed class HandOver(
    KeqingDb db, IRecordAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser,
    ITimelinePublisher timeline, IEnumerable<IHandoverStep> steps, TimeProvider clock)
{
    public const int MaxCustomers = 20_000;

    /// <summary>The roles whose holders own customers and work on them: only they are handed over from and to.</summary>
    public static readonly IReadOnlyList<string> WorkingRoles = [Roles.SalesRep, Roles.SalesManager, Roles.ServiceAgent, Roles.ServiceManager];

    /// <summary>
    /// Whom the caller may hand over from and to, by name: the employees in working roles (no admin, marketer or
    /// analyst) in the teams the caller manages, or in any team for an admin.
    /// </summary>
    public async Task<IReadOnlyList<UserSummary>> People(CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        var admins = (await users.ActiveInRoles([Roles.Admin], ct)).Select(u => u.Id).ToHashSet();
        return (await users.ActiveInRoles(WorkingRoles, ct))
            .Where(u => !admins.Contains(u.Id) && (scope.IsAdmin || (u.TeamId is { } team && scope.ManagedTeamIds.Contains(team))))
            .ToList();
    }

    /// <summary>The customers of an employee the caller may hand over (their manager or an admin), by name, for the hand-over page.</summary>
    public async Task<IReadOnlyList<CustomerRef>> CustomersOf(Guid userId, string? search, int limit, CancellationToken ct)
    {
        var query = await Owned(userId, ct);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(c => c.Name.Contains(search.Trim()));
        return await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>What a hand-over of these customers (all when null) would move, for the confirmation before it runs.</summary>
    public async Task<HandoverCounts> Preview(Guid fromUserId, IReadOnlyList<Guid>? customerIds, CancellationToken ct)
    {
        var owned = await Owned(fromUserId, ct);
        if (customerIds is not null)
        {
            var wanted = customerIds.Distinct().ToList();
            owned = owned.Where(c => wanted.Contains(c.Id));
        }
        var ids = owned.Select(c => c.Id);
        var all = customerIds is null;
        var tasks = await db.Set<TaskItem>().CountAsync(t => t.AssigneeId == fromUserId && t.Status == TaskState.Open
            && ((t.CustomerId == null && all) || (t.CustomerId != null && ids.Contains(t.CustomerId.Value))), ct);
        var commitments = await db.Set<Commitment>().CountAsync(c => c.OwnerId == fromUserId && c.Status == CommitmentStatus.Open
            && ids.Contains(c.CustomerId), ct);
        return new HandoverCounts(await owned.CountAsync(ct), tasks, commitments);
    }

    /// <summary>The unarchived customers of an employee, after checking the caller may hand them over.</summary>
    private async Task<IQueryable<CustomerRef>> Owned(Guid userId, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        var user = await users.Find(userId, ct) ?? throw new NotFoundException("user");
        if (!scope.IsAdmin && (user.TeamId is not { } team || !scope.ManagedTeamIds.Contains(team)))
            throw new ForbiddenException(FieldErrors.Text("Only an admin or a manager of the employee's team may hand over their customers."));
        return customers.OwnedBy(userId);
    }

    public async Task<HandoverResult> Handle(HandoverRequest request, CancellationToken ct)
    {
        var scope = await access.ScopeAsync(ct);
        var errors = new FieldErrors();
        UserSummary? from = null;
        if (request.FromUserId is not { } fromId) errors.Add("fromUserId", FieldErrors.Text("Choose the employee to hand over from."));
        else if ((from = await users.Find(fromId, ct)) is null) errors.Add("fromUserId", FieldErrors.Text("No employee has this id."));
        if (from is not null && !scope.IsAdmin && (from.TeamId is not { } fromTeam || !scope.ManagedTeamIds.Contains(fromTeam)))
            throw new ForbiddenException(FieldErrors.Text("Only an admin or a manager of the employee's team may hand over their customers."));

        var toIds = request.ToUserIds?.Distinct().ToList() ?? [];
        if (toIds.Count == 0) errors.Add("toUserIds", FieldErrors.Text("Name at least one colleague to hand over to."));
        if (toIds.Count > 100) errors.Add("toUserIds", FieldErrors.Text("At most 100 colleagues."));
        var recipients = new List<UserSummary>();
        var working = toIds.Count == 0 ? [] : (await users.ActiveInRoles(WorkingRoles, ct)).Select(u => u.Id).ToHashSet();
        foreach (var id in toIds.Take(100))
        {
            var user = await users.Find(id, ct);
            if (user is not { IsActive: true }) errors.Add("toUserIds", FieldErrors.Text("{0} is not an active employee.", user?.DisplayName ?? id.ToString()));
            else if (id == request.FromUserId) errors.Add("toUserIds", FieldErrors.Text("An employee cannot hand over to themselves."));
            else if (!scope.IsAdmin && (user.TeamId is not { } team || !scope.ManagedTeamIds.Contains(team)))
                errors.Add("toUserIds", FieldErrors.Text("{0} is not in a team you manage.", user.DisplayName));
            else if (!working.Contains(id))
                errors.Add("toUserIds", FieldErrors.Text("{0} does not work on customers (sales or service).", user.DisplayName));
            else recipients.Add(user);
        }
        errors.ThrowIfAny();

        var owned = customers.OwnedBy(from!.Id);
        if (request.CustomerIds is { } wanted)
        {
            var ids = wanted.Distinct().ToList();
            if (ids.Count is 0 or > MaxCustomers) errors.Add("customerIds", FieldErrors.Text("Choose 1 to {0} customers, or hand over all of them.", MaxCustomers));
            owned = owned.Where(c => ids.Contains(c.Id));
            var found = await owned.Select(c => c.Id).ToListAsync(ct);
            if (found.Count != ids.Count) errors.Add("customerIds", FieldErrors.Text("{0} of these customers are not (unarchived and) owned by this employee.", ids.Count - found.Count));
            errors.ThrowIfAny();
        }
        var moving = await owned.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(MaxCustomers + 1).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (moving.Count > MaxCustomers) throw new ValidationFailedException("customerIds", FieldErrors.Text("At most {0} customers per hand-over; name them in batches.", MaxCustomers));

        var now = clock.GetUtcNow().UtcDateTime;
        var newOwner = new Dictionary<Guid, UserSummary>();
        for (var i = 0; i < moving.Count; i++) newOwner[moving[i].Id] = recipients[i % recipients.Count];
        await customers.Reassign(newOwner.ToDictionary(m => m.Key, m => (m.Value.Id, m.Value.TeamId)), ct);

        var movedIds = newOwner.Keys.ToList();
        var all = request.CustomerIds is null;
        var tasks = await db.Set<TaskItem>().Where(t => t.AssigneeId == from.Id && t.Status == TaskState.Open
            && ((t.CustomerId == null && all) || (t.CustomerId != null && movedIds.Contains(t.CustomerId.Value)))).OrderBy(t => t.Id).ToListAsync(ct);
        var tasksPer = new Dictionary<Guid, int>();
        var spare = 0;
        foreach (var task in tasks)
        {
            var to = task.CustomerId is { } c ? newOwner[c] : recipients[spare++ % recipients.Count];
            task.AssigneeId = to.Id;
            task.TeamId = to.TeamId;
            task.UpdatedAt = now;
            if (task.CustomerId is { } cid) tasksPer[cid] = tasksPer.GetValueOrDefault(cid) + 1;
        }
        var commitments = await db.Set<Commitment>().Where(c => c.OwnerId == from.Id && c.Status == CommitmentStatus.Open
            && movedIds.Contains(c.CustomerId)).ToListAsync(ct);
        var commitmentsPer = new Dictionary<Guid, int>();
        foreach (var commitment in commitments)
        {
            var to = newOwner[commitment.CustomerId];
            commitment.OwnerId = to.Id;
            commitment.TeamId = to.TeamId;
            commitment.UpdatedAt = now;
            commitmentsPer[commitment.CustomerId] = commitmentsPer.GetValueOrDefault(commitment.CustomerId) + 1;
        }
        var other = new Dictionary<string, int>();
        var byCustomer = newOwner.ToDictionary(m => m.Key, m => m.Value.Id);
        var toIdsInOrder = recipients.Select(r => r.Id).ToList();
        foreach (var step in steps)
            other[step.What] = await step.Move(from.Id, byCustomer, ct) + (all ? await step.MoveUnattached(from.Id, toIdsInOrder, ct) : 0);

        var handover = new Handover
        {
            FromUserId = from.Id, ToUserIds = recipients.Select(r => r.Id).ToList(), ByUserId = currentUser.UserId,
            Customers = moving.Count, Tasks = tasks.Count, Commitments = commitments.Count, CreatedAt = now,
        };
        db.Add(handover);
        var me = await users.Find(currentUser.UserId, ct);
        var items = new List<HandoverItemDto>();
        foreach (var c in moving)
        {
            var to = newOwner[c.Id];
            var item = new HandoverItem
            {
                HandoverId = handover.Id, CustomerId = c.Id, ToUserId = to.Id,
                Tasks = tasksPer.GetValueOrDefault(c.Id), Commitments = commitmentsPer.GetValueOrDefault(c.Id),
            };
            db.Add(item);
            items.Add(new HandoverItemDto(c.Id, c.Name, to.Id, item.Tasks, item.Commitments));
            timeline.Publish(new TimelineEntryInput(c.Id, now, TimelineTypes.Handover, null, currentUser.UserId, me?.TeamId,
                $"{from.DisplayName} → {to.DisplayName}",
                FieldErrors.Text("{0} open tasks and {1} open commitments moved with the customer.", item.Tasks, item.Commitments),
                TimelineMapping.Module, OrderedId.New()));
        }
        await db.SaveChangesAsync(ct);
        return new HandoverResult(handover.Id, from.Id, handover.ToUserIds, now, items, tasks.Count, commitments.Count, other);
    }
}
