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
/// Commitments made to a customer (DOMAIN T2): recorded with who promised and by when, listed for whoever may see them
/// ("what did our three reps promise this customer?"), and closed as done or broken by their owner, that owner's
/// manager or an admin.
/// </summary>
public sealed class Commitments(
    KeqingDb db, TimelineAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser,
    ITimelinePublisher timeline, TimeProvider clock)
{
    /// <summary>The position after a page's last row (by due time).</summary>
    public sealed record Cursor(DateTime DueAt, Guid Id);

    public async Task<CommitmentDto> Create(CommitmentInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors().Required("what", input.What).MaxLength("what", input.What, 500);
        CustomerSummary? customer = null;
        if (input.CustomerId is not { } customerId) errors.Add("customerId", FieldErrors.Text("Required."));
        else if ((customer = await customers.FindVisible(customerId, ct)) is null) errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        if (input.DueAt is null) errors.Add("dueAt", FieldErrors.Text("Required."));
        else if (input.DueAt < now.AddYears(-1) || input.DueAt > now.AddYears(10)) errors.Add("dueAt", FieldErrors.Text("dueAt is within a year back and ten years ahead."));
        var promiserId = input.PromisedById ?? currentUser.UserId;
        var promiser = await users.Find(promiserId, ct);
        if (promiser is null) errors.Add("promisedById", FieldErrors.Text("No employee has this id."));
        // The same rule as a task's assignee: the promiser and their manager get alerts about this customer.
        else if (promiserId != currentUser.UserId && !await access.MayEdit(promiserId, promiser.TeamId, ct))
            errors.Add("promisedById", FieldErrors.Text("Only a manager of the promiser's team or an admin may record a promise made by someone else."));
        if (customer is not null && input.ContactId is { } contact && (await customers.ContactsOf(customer.Id, ct)).All(c => c.Id != contact))
            errors.Add("contactId", FieldErrors.Text("The contact must be one of this customer's contacts."));
        if (customer is not null && input.InteractionId is { } interaction
            && !await db.Set<Interaction>().AnyAsync(i => i.Id == interaction && i.CustomerId == customer.Id, ct))
            errors.Add("interactionId", FieldErrors.Text("The interaction must be one on this customer."));
        errors.ThrowIfAny();

        var commitment = new Commitment
        {
            CustomerId = customer!.Id, ContactId = input.ContactId, InteractionId = input.InteractionId, What = input.What!.Trim(),
            PromisedById = promiserId, OwnerId = promiserId, TeamId = promiser!.TeamId, DueAt = input.DueAt!.Value,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Add(commitment);
        timeline.Publish(TimelineMapping.EntryOf(commitment));
        await db.SaveChangesAsync(ct);
        return commitment.ToDto(now);
    }

    public async Task<Page<CommitmentDto>> List(Guid? customerId, Guid? ownerId, CommitmentStatus? status, bool? overdue, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = await access.Commitments(db.Set<Commitment>().AsNoTracking(), ct);
        if (customerId is { } c) query = query.Where(x => x.CustomerId == c);
        if (ownerId is { } o) query = query.Where(x => x.OwnerId == o);
        if (status is { } s) query = query.Where(x => x.Status == s);
        if (overdue == true) query = query.Where(x => x.Status == CommitmentStatus.Open && x.DueAt < now);
        if (Paging.Decode<Cursor>(after) is { } k) query = query.Where(x => x.DueAt > k.DueAt || (x.DueAt == k.DueAt && x.Id.CompareTo(k.Id) > 0));
        var rows = await query.OrderBy(x => x.DueAt).ThenBy(x => x.Id).Take(take + 1).ToListAsync(ct);
        return Paging.ToPage(rows.Select(x => x.ToDto(now)).ToList(), take, x => new Cursor(x.DueAt, x.Id));
    }

    public Task<CommitmentDto> Complete(Guid id, CloseCommitmentInput? input, CancellationToken ct) => Close(id, CommitmentStatus.Done, input, ct);

    public Task<CommitmentDto> Break(Guid id, CloseCommitmentInput? input, CancellationToken ct) => Close(id, CommitmentStatus.Broken, input, ct);

    private async Task<CommitmentDto> Close(Guid id, CommitmentStatus status, CloseCommitmentInput? input, CancellationToken ct)
    {
        new FieldErrors().MaxLength("note", input?.Note, 1000).ThrowIfAny();
        var visible = await access.Commitments(db.Set<Commitment>(), ct);
        var commitment = await visible.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("commitment");
        if (!await access.MayEdit(commitment.OwnerId, commitment.TeamId, ct) && commitment.PromisedById != currentUser.UserId)
            throw new ForbiddenException("Only the commitment's owner, their manager or an admin may close it.");
        if (commitment.Status != CommitmentStatus.Open)
            throw new ConflictException($"This commitment is already {commitment.Status.ToString().ToLowerInvariant()}.");
        var now = clock.GetUtcNow().UtcDateTime;
        commitment.Status = status;
        commitment.ClosedAt = now;
        commitment.ClosedById = currentUser.UserId;
        commitment.CloseNote = string.IsNullOrWhiteSpace(input?.Note) ? null : input.Note.Trim();
        commitment.UpdatedAt = now;
        await timeline.Update(TimelineMapping.EntryOf(commitment), ct);
        await db.SaveChangesAsync(ct);
        return commitment.ToDto(now);
    }
}
