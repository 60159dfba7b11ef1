using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Opportunities;

/// <summary>
/// Opportunities written straight into the database (package E owns the opportunity API): one pipeline with one stage
/// per test class, then rows with exactly the owner, team, status, amount and dates a test needs.
/// </summary>
public sealed class OpportunityData(KeqingApp app)
{
    private (Guid Pipeline, Guid Stage)? stage;

    public async Task<Guid> Add(Guid ownerId, Guid? teamId, decimal amount, int probability = 50,
        OpportunityStatus status = OpportunityStatus.Open, ForecastCategory category = ForecastCategory.Pipeline,
        DateOnly? expectedClose = null, DateTime? closedAt = null, Guid? customerId = null, string currency = "CNY",
        DateTime? archivedAt = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var (pipelineId, stageId) = stage ??= await NewStage(db);
        var now = DateTime.UtcNow;
        var opportunity = new Opportunity
        {
            CustomerId = customerId ?? Guid.NewGuid(), Name = ApiHelpers.Unique("商机"), Amount = Money.Of(amount, currency),
            ExpectedCloseDate = expectedClose ?? new DateOnly(2026, 12, 15), PipelineId = pipelineId, StageId = stageId,
            Probability = probability, ForecastCategory = category, OwnerId = ownerId, TeamId = teamId, Status = status,
            ClosedAt = closedAt, StageEnteredAt = now, CreatedAt = now, UpdatedAt = now, ArchivedAt = archivedAt,
        };
        db.Add(opportunity);
        await db.SaveChangesAsync();
        return opportunity.Id;
    }

    private static async Task<(Guid, Guid)> NewStage(KeqingDb db)
    {
        var now = DateTime.UtcNow;
        var pipeline = new Pipeline { Name = ApiHelpers.Unique("流程"), CreatedAt = now, UpdatedAt = now };
        var stage = new Stage { PipelineId = pipeline.Id, Name = "需求分析", Probability = 30 };
        db.AddRange(pipeline, stage);
        await db.SaveChangesAsync();
        return (pipeline.Id, stage.Id);
    }
}
