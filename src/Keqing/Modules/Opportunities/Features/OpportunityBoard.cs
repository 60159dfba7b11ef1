using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// A pipeline's kanban board: per stage, the count, amount and weighted amount of the open opportunities the caller may
/// see (filtered by owner, team, close month), from ONE grouped query, and the first cards of each stage (soonest to
/// close first). Weighted = Σ amount × probability, summed exactly in hundredths of a fen and rounded once.
/// With <c>shared</c> (共享给我的) the board holds only others' opportunities shared with the caller or their team, the
/// share not ended; the default board is unchanged (its union of index-served branches).
/// </summary>
public sealed class OpportunityBoard(Pipelines pipelines, OpportunityFilter filter, OpportunityMapping mapping)
{
    public const int DefaultCards = 20;
    public const int MaxCards = 100;

    public async Task<BoardDto> Handle(Guid pipelineId, Guid? ownerId, Guid? teamId, string? closeMonth, int? cards, bool shared, CancellationToken ct)
    {
        var take = cards switch
        {
            null => DefaultCards,
            < 0 => throw new ValidationFailedException("cards", FieldErrors.Text("cards is 0 to {0}.", MaxCards)),
            > MaxCards => MaxCards,
            _ => cards.Value,
        };
        var pipeline = await pipelines.Get(pipelineId, ct);
        var query = await filter.Visible(new OpportunityQuery(pipelineId, Status: OpportunityStatus.Open, OwnerId: ownerId, TeamId: teamId,
            CloseMonth: closeMonth, Shared: shared), ct);
        var sums = await Totals(query, ct);

        var columns = new List<BoardColumn>();
        foreach (var stage in pipeline.Stages)
        {
            var stageId = stage.Id;
            var rows = sums.Where(s => s.StageId == stageId).ToList();
            var first = take == 0 ? [] : await query.Where(o => o.StageId == stageId)
                .OrderBy(o => o.ExpectedCloseDate).ThenBy(o => o.Id).Take(take).ToListAsync(ct);
            columns.Add(new BoardColumn(stage, rows.Sum(r => r.Count),
                rows.OrderByDescending(r => r.Currency == Currencies.Default).ThenBy(r => r.Currency, StringComparer.Ordinal)
                    .Select(r => new ColumnTotal(Money.FromMinorUnits(r.Amount, r.Currency), Weighted(r.WeightedHundredths, r.Currency))).ToList(),
                await mapping.Summaries(first, ct)));
        }
        return new BoardDto(pipeline, columns);
    }

    /// <summary>One row per stage and currency: count, Σ minor units, Σ minor units × probability (in hundredths of a minor unit).</summary>
    public sealed record StageSum(Guid StageId, string Currency, int Count, long Amount, long WeightedHundredths);

    public static Task<List<StageSum>> Totals(IQueryable<Opportunity> query, CancellationToken ct) =>
        query.GroupBy(o => new { o.StageId, o.Amount.Currency })
            .Select(g => new StageSum(g.Key.StageId, g.Key.Currency, g.Count(), g.Sum(o => o.Amount.MinorUnits),
                g.Sum(o => o.Amount.MinorUnits * o.Probability)))
            .ToListAsync(ct);

    /// <summary>Σ amount × probability / 100, rounded once, half away from zero, to the minor unit.</summary>
    public static Money Weighted(long hundredths, string currency) =>
        Money.FromMinorUnits((long)Math.Round(hundredths / 100m, MidpointRounding.AwayFromZero), currency);
}
