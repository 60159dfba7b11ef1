using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>
/// Logs an interaction on a customer the caller may see, or changes or deletes one (its recorder, their manager, an
/// admin), keeping its timeline entry in step; contact boundaries answer as warnings, never as a refusal.
/// </summary>
public sealed class SaveInteraction(
    KeqingDb db, TimelineAccess access, ICustomerDirectory customers, IUserDirectory users, CurrentUser currentUser,
    ITimelinePublisher timeline, IContactBoundaryCheck boundaries, IBoundaryOverrideLog overrides, TimeProvider clock)
{
    public async Task<InteractionDto> Create(InteractionInput input, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = await users.Find(currentUser.UserId, ct);
        var interaction = new Interaction { UserId = currentUser.UserId, TeamId = me?.TeamId, CreatedAt = now, UpdatedAt = now };
        await Apply(interaction, input, now, ct);
        var warnings = await Warnings(interaction, ct);
        db.Add(interaction);
        RecordOverrides(interaction, warnings);
        timeline.Publish(TimelineMapping.EntryOf(interaction));
        await db.SaveChangesAsync(ct);
        return interaction.ToDto(warnings);
    }

    public async Task<InteractionDto> Update(Guid id, long expectedVersion, InteractionInput input, CancellationToken ct)
    {
        var interaction = await Editable(id, ct);
        Preconditions.ExpectVersion(db, interaction, expectedVersion);
        var now = clock.GetUtcNow().UtcDateTime;
        await Apply(interaction, input, now, ct);
        interaction.UpdatedAt = now;
        var warnings = await Warnings(interaction, ct);
        RecordOverrides(interaction, warnings);
        await timeline.Update(TimelineMapping.EntryOf(interaction), ct);
        await db.SaveChangesAsync(ct);
        return interaction.ToDto(warnings);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var interaction = await Editable(id, ct);
        db.Remove(interaction);
        await timeline.Remove(TimelineMapping.Module, interaction.Id, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Interaction> Editable(Guid id, CancellationToken ct)
    {
        var visible = await access.Interactions(db.Set<Interaction>(), ct);
        var interaction = await visible.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException("interaction");
        if (!await access.MayEdit(interaction.UserId, interaction.TeamId, ct))
            throw new ForbiddenException("Only the employee who recorded this interaction, their manager or an admin may change it.");
        return interaction;
    }

    /// <summary>A save always goes ahead; one that breaks a boundary is an override, reported to the admin (DOMAIN P4).</summary>
    private void RecordOverrides(Interaction i, IReadOnlyList<BoundaryWarning> warnings) =>
        overrides.Record(currentUser.UserId, i.CustomerId, "interaction", i.Id, warnings.Select(w => (w.Code, w.Message)));

    private Task<IReadOnlyList<BoundaryWarning>> Warnings(Interaction i, CancellationToken ct) =>
        boundaries.Check(i.CustomerId, i.Channel, i.Direction, i.OccurredAt, i.ContactIds, i.PersonalOccasion, i.Id, ct);

    private async Task Apply(Interaction interaction, InteractionInput input, DateTime now, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CustomerSummary? customer = null;
        if (input.CustomerId is not { } customerId) errors.Add("customerId", FieldErrors.Text("Required."));
        else if ((customer = await customers.FindVisible(customerId, ct)) is null) errors.Add("customerId", FieldErrors.Text("No customer you may see has this id."));
        else if (customer.Archived) errors.Add("customerId", FieldErrors.Text("This customer is archived; restore it first."));
        if (input.Channel is null) errors.Add("channel", FieldErrors.Text("channel is required: visit, call, sms, email, im, community, event or other."));
        errors.Required("subject", input.Subject).MaxLength("subject", input.Subject, 200).MaxLength("notes", input.Notes, 4000)
            .MaxLength("outcome", input.Outcome, 1000).MaxLength("nextStep", input.NextStep, 1000);
        if (input.OccurredAt is { } at && at > now.AddHours(1)) errors.Add("occurredAt", FieldErrors.Text("occurredAt is when it happened; plan future contacts as tasks."));
        if (input.OccurredAt is { } old && old < now.AddYears(-20)) errors.Add("occurredAt", FieldErrors.Text("occurredAt is more than 20 years ago."));
        var contactIds = input.ContactIds?.Distinct().ToList() ?? [];
        if (contactIds.Count > 50) errors.Add("contactIds", FieldErrors.Text("At most 50 contacts."));
        else if (customer is not null && contactIds.Count > 0)
        {
            var known = (await customers.ContactsOf(customer.Id, ct)).Select(c => c.Id).ToHashSet();
            if (contactIds.Any(c => !known.Contains(c))) errors.Add("contactIds", FieldErrors.Text("Every contact must be one of this customer's contacts."));
        }
        var participantIds = input.ParticipantIds?.Distinct().ToList() ?? [];
        if (participantIds.Count > 50) errors.Add("participantIds", FieldErrors.Text("At most 50 participants."));
        else if (participantIds.Count > 0 && (await users.Names(participantIds, ct)).Count != participantIds.Count)
            errors.Add("participantIds", FieldErrors.Text("Every participant must be an employee."));
        errors.ThrowIfAny();

        interaction.CustomerId = customer!.Id;
        interaction.Channel = input.Channel!.Value;
        interaction.Direction = input.Direction ?? InteractionDirection.Outbound;
        interaction.OccurredAt = input.OccurredAt ?? now;
        interaction.ContactIds = contactIds;
        interaction.ParticipantIds = participantIds;
        interaction.Subject = input.Subject!.Trim();
        interaction.Notes = Trim(input.Notes);
        interaction.Outcome = Trim(input.Outcome);
        var nextStep = Trim(input.NextStep);
        // Another next step is a new agreement, open until it is done.
        if (nextStep != interaction.NextStep) interaction.NextStepDoneAt = null;
        interaction.NextStep = nextStep;
        if (input.NextStepDone is { } done && nextStep is not null) interaction.NextStepDoneAt = done ? interaction.NextStepDoneAt ?? now : null;
        interaction.PersonalOccasion = input.PersonalOccasion;
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
