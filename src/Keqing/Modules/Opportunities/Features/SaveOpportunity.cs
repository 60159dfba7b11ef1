using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Creates an opportunity through the API (through <see cref="CreateOpportunity"/>, the one way one is made), changes
/// one the caller may write (If-Match), and archives one.
/// </summary>
public sealed class SaveOpportunity(KeqingDb db, CreateOpportunity creator, IRecordAccess access, ICustomerDirectory customers,
    OwnerCheck owners, GetOpportunity get, TimeProvider time)
{
    public const int MaxCompetitors = 20;

    public async Task<OpportunityDto> Create(CreateOpportunityRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.ExpectedCloseDate is null) errors.Add("expectedCloseDate", FieldErrors.Text("Required."));
        CheckCommon(r.Amount, r.Competitors, r.NextStep, r.ForecastCategory, errors);
        if (r.ForecastCategory == ForecastCategory.Closed) errors.Add("forecastCategory", FieldErrors.Text("Closed is set by winning the opportunity."));
        errors.ThrowIfAny();
        var opportunity = await creator.Create(new OpportunityInput(r.CustomerId, r.Name ?? "", r.Amount, r.ExpectedCloseDate!.Value,
            r.PipelineId, r.StageId, r.Probability, r.ForecastCategory ?? ForecastCategory.Pipeline, r.ContactId, r.OwnerId,
            r.Competitors, r.NextStep), ct);
        await db.SaveChangesAsync(ct);
        return await get.ToDto(opportunity, ct);
    }

    public async Task<OpportunityDto> Update(Guid id, long expectedVersion, UpdateOpportunityRequest r, CancellationToken ct)
    {
        var o = await Writable(id, ct);
        var errors = new FieldErrors();
        errors.Required("name", r.Name).MaxLength("name", r.Name, 200);
        if (r.ExpectedCloseDate is null) errors.Add("expectedCloseDate", FieldErrors.Text("Required."));
        if (r.Probability is < 0 or > 100) errors.Add("probability", FieldErrors.Text("The probability is 0 to 100."));
        CheckCommon(r.Amount, r.Competitors, r.NextStep, r.ForecastCategory, errors);
        if (o.Status == OpportunityStatus.Open && r.ForecastCategory == ForecastCategory.Closed)
            errors.Add("forecastCategory", FieldErrors.Text("Closed is set by winning the opportunity."));
        if (r.ContactId is { } contactId && contactId != o.ContactId
            && (await customers.FindVisibleContact(contactId, ct))?.CustomerId != o.CustomerId)
            errors.Add("contactId", FieldErrors.Text("Not a contact of this customer."));
        Guid? teamId = o.TeamId;
        if (r.OwnerId is { } ownerId && ownerId != o.OwnerId) teamId = await owners.TeamOf(ownerId, errors, ct);
        errors.ThrowIfAny();
        Preconditions.ExpectVersion(db, o, expectedVersion);

        o.Name = r.Name!.Trim();
        o.Amount = r.Amount;
        o.ExpectedCloseDate = r.ExpectedCloseDate!.Value;
        if (o.Status == OpportunityStatus.Open)
        {
            o.ProbabilityOverridden = r.Probability is not null;
            o.Probability = r.Probability ?? await db.Set<Stage>().Where(s => s.Id == o.StageId).Select(s => s.Probability).FirstAsync(ct);
            o.ForecastCategory = r.ForecastCategory ?? ForecastCategory.Pipeline;
        }
        o.Competitors = Competitors(r.Competitors);
        o.NextStep = string.IsNullOrWhiteSpace(r.NextStep) ? null : r.NextStep.Trim();
        o.ContactId = r.ContactId;
        if (r.OwnerId is { } newOwner && newOwner != o.OwnerId)
        {
            o.OwnerId = newOwner;
            o.TeamId = teamId;
        }
        o.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return await get.ToDto(o, ct);
    }

    /// <summary>Archives the opportunity: it leaves the board, the lists and the forecast, and keeps its history.</summary>
    public async Task Archive(Guid id, CancellationToken ct)
    {
        var o = await Writable(id, ct);
        if (o.ArchivedAt is not null) return;
        o.ArchivedAt = o.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A live opportunity the caller may see (404 otherwise) and change (403 otherwise), tracked.</summary>
    public async Task<Opportunity> Writable(Guid id, CancellationToken ct)
    {
        var o = await access.FindVisible(db.Set<Opportunity>().Where(x => x.ArchivedAt == null), id, ct);
        await access.EnsureCanWrite(o, ct);
        return o;
    }

    public static List<string> Competitors(IReadOnlyList<string>? competitors) =>
        (competitors ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();

    private static void CheckCommon(Money amount, IReadOnlyList<string>? competitors, string? nextStep, ForecastCategory? category, FieldErrors errors)
    {
        if (amount.IsNegative) errors.Add("amount", FieldErrors.Text("The amount cannot be negative."));
        var list = Competitors(competitors);
        if (list.Count > MaxCompetitors || list.Any(c => c.Length > 100))
            errors.Add("competitors", FieldErrors.Text("At most {0} competitors of 100 characters.", MaxCompetitors));
        errors.MaxLength("nextStep", nextStep, 1000);
        if (category is { } c && !Enum.IsDefined(c)) errors.Add("forecastCategory", FieldErrors.Text("forecastCategory is one of pipeline, bestCase, commit, closed."));
    }
}
