using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Makes an opportunity: on a customer the caller may see, in a stage of its pipeline (the default pipeline's first
/// stage when none is given), with the stage's probability unless one is given, owned by the caller unless another
/// owner is given; its first stage change recorded and put on the customer's timeline. Added to the unit of work; the caller saves.
/// </summary>
public sealed class CreateOpportunity(KeqingDb db, DefaultPipeline defaultPipeline, ICustomerDirectory customers,
    OwnerCheck owners, CurrentUser currentUser, OpportunityTimeline timeline, TimeProvider time) : IOpportunityCreator
{
    public async Task<Guid> Add(OpportunityInput input, CancellationToken ct) => (await Create(input, ct)).Id;

    public async Task<Opportunity> Create(OpportunityInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name).MaxLength("name", input.Name, 200);
        if (input.Amount.IsNegative) errors.Add("amount", FieldErrors.Text("The amount cannot be negative."));
        if (input.Probability is < 0 or > 100) errors.Add("probability", FieldErrors.Text("The probability is 0 to 100."));
        if (await customers.FindVisible(input.CustomerId, ct) is null) errors.Add("customerId", FieldErrors.Text("No such customer."));
        else if (input.ContactId is { } contactId && (await customers.FindVisibleContact(contactId, ct))?.CustomerId != input.CustomerId)
            errors.Add("contactId", FieldErrors.Text("Not a contact of this customer."));
        var ownerId = input.OwnerId ?? currentUser.UserId;
        var teamId = await owners.TeamOf(ownerId, errors, ct);
        var pipeline = input.PipelineId is { } pipelineId
            ? await db.Set<Pipeline>().FirstOrDefaultAsync(p => p.Id == pipelineId && p.ArchivedAt == null, ct)
            : await defaultPipeline.Get(ct);
        if (pipeline is null) errors.Add("pipelineId", FieldErrors.Text("No such pipeline."));
        errors.ThrowIfAny();

        var stages = await db.Set<Stage>().Where(s => s.PipelineId == pipeline!.Id && s.ArchivedAt == null).OrderBy(s => s.Order).ToListAsync(ct);
        if (stages.Count == 0) stages = db.ChangeTracker.Entries<Stage>().Select(e => e.Entity).Where(s => s.PipelineId == pipeline!.Id).OrderBy(s => s.Order).ToList();
        var stage = input.StageId is { } stageId ? stages.FirstOrDefault(s => s.Id == stageId) : stages.FirstOrDefault();
        if (stage is null) new FieldErrors().Add("stageId", FieldErrors.Text("Not a stage of this pipeline.")).ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var opportunity = new Opportunity
        {
            CustomerId = input.CustomerId,
            ContactId = input.ContactId,
            Name = input.Name.Trim(),
            Amount = input.Amount,
            ExpectedCloseDate = input.ExpectedCloseDate,
            PipelineId = pipeline!.Id,
            StageId = stage!.Id,
            Probability = input.Probability ?? stage.Probability,
            ProbabilityOverridden = input.Probability is not null,
            ForecastCategory = input.ForecastCategory,
            OwnerId = ownerId,
            TeamId = teamId,
            Competitors = (input.Competitors ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList(),
            NextStep = string.IsNullOrWhiteSpace(input.NextStep) ? null : input.NextStep.Trim(),
            Status = OpportunityStatus.Open,
            StageEnteredAt = now,
            LeadId = input.LeadId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(opportunity);
        db.Add(new StageChange { OpportunityId = opportunity.Id, ToStageId = stage.Id, ChangedAt = now, UserId = currentUser.UserIdOrNull });
        await timeline.Created(opportunity, stage.Name, currentUser.UserIdOrNull, ct);
        return opportunity;
    }
}
