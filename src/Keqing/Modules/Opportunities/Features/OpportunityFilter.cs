using System.Globalization;
using System.Linq.Expressions;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>The filters of the opportunity list and the board (all optional); closeMonth is <c>yyyy-MM</c>.</summary>
public sealed record OpportunityQuery(
    Guid? PipelineId = null, Guid? StageId = null, OpportunityStatus? Status = null, Guid? OwnerId = null, Guid? TeamId = null,
    Guid? CustomerId = null, string? CloseMonth = null, bool? Stuck = null, bool Shared = false);

/// <summary>
/// The live opportunities the caller may see that match a query: the filters first (so every branch of record access's
/// union carries them to its index), then <see cref="IRecordAccess.Visible{T}"/>. Also says which are stuck.
/// </summary>
public sealed class OpportunityFilter(KeqingDb db, IRecordAccess access, TimeProvider time)
{
    public async Task<IQueryable<Opportunity>> Visible(OpportunityQuery q, CancellationToken ct)
    {
        var query = db.Set<Opportunity>().AsNoTracking().Where(o => o.ArchivedAt == null);
        if (q.PipelineId is { } pipeline) query = query.Where(o => o.PipelineId == pipeline);
        if (q.StageId is { } stage) query = query.Where(o => o.StageId == stage);
        if (q.Status is { } status) query = query.Where(o => o.Status == status);
        if (q.OwnerId is { } owner) query = query.Where(o => o.OwnerId == owner);
        if (q.TeamId is { } team) query = query.Where(o => o.TeamId == team);
        if (q.CustomerId is { } customer) query = query.Where(o => o.CustomerId == customer);
        if (CloseMonth(q.CloseMonth) is var (first, next)) query = query.Where(o => o.ExpectedCloseDate >= first && o.ExpectedCloseDate < next);
        if (q.Stuck is { } stuck)
        {
            var isStuck = StuckPredicate(await Cutoffs(ct));
            query = stuck ? query.Where(isStuck) : query.Where(Not(isStuck));
        }
        // Shared with me (共享给我的): others' opportunities shared with the caller or their team, the share not ended.
        return q.Shared ? await access.SharedWithMe(query, ct) : await access.Visible(query, ct);
    }

    /// <summary>When an open opportunity in each stage (that has a limit) became stuck: entered before this instant.</summary>
    public async Task<IReadOnlyDictionary<Guid, DateTime>> Cutoffs(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<Stage>().AsNoTracking().Where(s => s.StuckAfterDays != null)
            .Select(s => new { s.Id, Days = s.StuckAfterDays!.Value })
            .ToDictionaryAsync(s => s.Id, s => now.AddDays(-s.Days), ct);
    }

    public static bool IsStuck(Opportunity o, IReadOnlyDictionary<Guid, DateTime> cutoffs) => IsStuck(o.Status, o.StageId, o.StageEnteredAt, cutoffs);

    public static bool IsStuck(OpportunityStatus status, Guid stageId, DateTime enteredAt, IReadOnlyDictionary<Guid, DateTime> cutoffs) =>
        status == OpportunityStatus.Open && cutoffs.TryGetValue(stageId, out var cutoff) && enteredAt < cutoff;

    /// <summary>The close months a picker offers (<c>yyyy-MM</c>): <paramref name="before"/> months back to <paramref name="after"/> ahead.</summary>
    public static IReadOnlyList<string> MonthsAround(TimeProvider time, int before, int after)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        return Enumerable.Range(-before, before + after + 1).Select(i => first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The first day of the month and of the next one; 400 for anything but <c>yyyy-MM</c>.</summary>
    public static (DateOnly First, DateOnly Next)? CloseMonth(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!DateOnly.TryParseExact(value.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new ValidationFailedException("closeMonth", FieldErrors.Text("closeMonth is a month such as 2026-12."));
        return (first, first.AddMonths(1));
    }

    // open AND (stage = s1 AND entered < c1 OR stage = s2 AND entered < c2 …): the limits differ by stage, and date
    // arithmetic in SQL differs by provider, so each stage's cutoff is computed here and sent as a parameter.
    private static Expression<Func<Opportunity, bool>> StuckPredicate(IReadOnlyDictionary<Guid, DateTime> cutoffs)
    {
        var o = Expression.Parameter(typeof(Opportunity), "o");
        Expression any = Expression.Constant(false);
        foreach (var (stageId, cutoff) in cutoffs)
        {
            var holder = new { StageId = stageId, Cutoff = cutoff };
            var inStage = Expression.Equal(Expression.Property(o, nameof(Opportunity.StageId)),
                Expression.Property(Expression.Constant(holder), nameof(holder.StageId)));
            var early = Expression.LessThan(Expression.Property(o, nameof(Opportunity.StageEnteredAt)),
                Expression.Property(Expression.Constant(holder), nameof(holder.Cutoff)));
            any = Expression.OrElse(any, Expression.AndAlso(inStage, early));
        }
        var open = Expression.Equal(Expression.Property(o, nameof(Opportunity.Status)), Expression.Constant(OpportunityStatus.Open));
        return Expression.Lambda<Func<Opportunity, bool>>(Expression.AndAlso(open, any), o);
    }

    private static Expression<Func<Opportunity, bool>> Not(Expression<Func<Opportunity, bool>> predicate) =>
        Expression.Lambda<Func<Opportunity, bool>>(Expression.Not(predicate.Body), predicate.Parameters);
}
