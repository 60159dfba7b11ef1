using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>What a forecast call asks for: the period, the currency, and optionally one team or one rep.</summary>
public sealed record ForecastRequest(ForecastPeriod Period, string Currency = Currencies.Default, Guid? TeamId = null, Guid? UserId = null)
{
    /// <summary>Reads the query string's values; 400 naming every bad one.</summary>
    public static ForecastRequest From(string? period, string? currency, Guid? teamId, Guid? userId)
    {
        var parsed = ForecastPeriod.Parse(period);
        var code = string.IsNullOrWhiteSpace(currency) ? Currencies.Default : currency.Trim().ToUpperInvariant();
        var errors = new FieldErrors();
        if (parsed is null) errors.Add("period", FieldErrors.Text("A month (2026-12) or a quarter (2026Q4)."));
        if (!Currencies.IsKnown(code)) errors.Add("currency", FieldErrors.Text("Not a currency Keqing knows."));
        errors.ThrowIfAny();
        return new ForecastRequest(parsed!, code, teamId, userId);
    }
}

/// <summary>
/// The opportunities a forecast counts, as the caller may see them: open ones expected to close in the period and ones
/// won in it (by close date in the company's time zone), in one currency, unarchived. What a caller sees is ownership,
/// not shares: a rep their own, a manager also their teams' (the roll-up), and whoever holds
/// <see cref="OpportunitiesCapabilities.ForecastAll"/> (admin, analyst) everything.
/// </summary>
public sealed class ForecastFilter(KeqingDb db, IRecordAccess access, CurrentUser currentUser, ICompanyCalendar calendar)
{
    public async Task<IQueryable<Opportunity>> Counted(ForecastRequest request, CancellationToken ct)
    {
        if (!currentUser.Can(OpportunitiesCapabilities.Forecast)) throw new ForbiddenException(FieldErrors.Text("You may not read the forecast."));
        var zone = (await calendar.Current(ct)).Zone;
        var (from, to) = (request.Period.From, request.Period.To);
        var (wonFrom, wonTo) = (UserClock.StartOfDay(from, zone), UserClock.StartOfDay(to, zone));
        var currency = request.Currency;
        // The period's bounds go into the SQL as constants (a few texts: one per period asked for). As parameters, the
        // statement Npgsql prepares would after a few runs get PostgreSQL's generic plan, costed without the dates:
        // for a rep, a scan of the whole period's rows rather than of their own (issue 14's forecast bench).
        var query = (await Scoped(ct)).Where(o => o.ArchivedAt == null && o.Amount.Currency == currency
            && ((o.Status == OpportunityStatus.Open && o.ExpectedCloseDate >= EF.Constant(from) && o.ExpectedCloseDate < EF.Constant(to))
                || (o.Status == OpportunityStatus.Won && o.ClosedAt >= EF.Constant(wonFrom) && o.ClosedAt < EF.Constant(wonTo))));
        if (request.TeamId is { } teamId) query = query.Where(o => o.TeamId == teamId);
        if (request.UserId is { } userId) query = query.Where(o => o.OwnerId == userId);
        return query;
    }

    /// <summary>The opportunities behind one figure.</summary>
    public async Task<IQueryable<Opportunity>> Behind(ForecastRequest request, ForecastMeasure measure, CancellationToken ct)
    {
        var query = await Counted(request, ct);
        return measure switch
        {
            ForecastMeasure.Pipeline or ForecastMeasure.Weighted => query.Where(o => o.Status == OpportunityStatus.Open),
            ForecastMeasure.BestCase => query.Where(o => o.Status == OpportunityStatus.Open
                && (o.ForecastCategory == ForecastCategory.BestCase || o.ForecastCategory == ForecastCategory.Commit)),
            ForecastMeasure.Commit => query.Where(o => o.Status == OpportunityStatus.Open && o.ForecastCategory == ForecastCategory.Commit),
            _ => query.Where(o => o.Status == OpportunityStatus.Won),
        };
    }

    private async Task<IQueryable<Opportunity>> Scoped(CancellationToken ct)
    {
        var all = db.Set<Opportunity>();
        if (currentUser.Can(OpportunitiesCapabilities.ForecastAll)) return all;
        var scope = await access.ScopeAsync(ct);
        if (scope.IsAdmin) return all;
        var me = scope.UserId;
        var teams = scope.ManagedTeamIds;
        return teams.Count == 0
            ? all.Where(o => o.OwnerId == me)
            : all.Where(o => o.OwnerId == me || (o.TeamId != null && teams.Contains(o.TeamId.Value)));
    }
}
