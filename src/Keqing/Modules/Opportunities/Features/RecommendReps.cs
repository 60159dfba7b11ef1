using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// Who should take a deal (DOMAIN S5): the active sales reps of the caller's teams (an admin: all), ranked by
/// <see cref="RepScore"/> with every part shown. Every count is taken only over deals of the caller's teams, so a manager
/// never learns of another team's deals through the reasons.
/// </summary>
public sealed class RecommendReps(KeqingDb db, IRecordAccess access, IUserDirectory users, ICustomerDirectory customers,
    IContactHistory contacts, CurrentUser currentUser, TimeProvider time)
{
    public async Task<RecommendationsDto> Handle(Guid opportunityId, CancellationToken ct)
    {
        if (!currentUser.Can(OpportunitiesCapabilities.Assign)) throw new ForbiddenException(FieldErrors.Text("You may not assign opportunities."));
        var opportunity = await access.FindVisible(db.Set<Opportunity>().AsNoTracking(), opportunityId, ct);
        var scope = await access.ScopeAsync(ct);
        var teams = scope.ManagedTeamIds;
        var reps = (await users.ActiveInRoles([Roles.SalesRep], ct))
            .Where(u => scope.IsAdmin || (u.TeamId is { } t && teams.Contains(t))).ToList();
        var repIds = reps.Select(r => r.Id).ToList();

        var currency = opportunity.Amount.Currency;
        var unit = (long)Math.Pow(10, Currencies.MinorDigits(currency));
        var (bandFrom, bandTo) = RepScore.Band(opportunity.Amount.Amount);
        var (fromMinor, toMinor) = (bandFrom * unit, bandTo is { } b ? b * unit : long.MaxValue);
        var industry = await customers.Unchecked().Where(c => c.Id == opportunity.CustomerId).Select(c => c.Industry).FirstOrDefaultAsync(ct);
        var since = time.GetUtcNow().UtcDateTime.AddMonths(-RepScore.Months);

        var ours = db.Set<Opportunity>().AsNoTracking().Where(o => o.ArchivedAt == null && repIds.Contains(o.OwnerId));
        if (!scope.IsAdmin) ours = ours.Where(o => o.TeamId != null && teams.Contains(o.TeamId.Value));

        var similar = ours.Where(o => o.Status != OpportunityStatus.Open && o.ClosedAt >= since && o.Id != opportunity.Id
            && o.Amount.Currency == currency && o.Amount.MinorUnits >= fromMinor && o.Amount.MinorUnits < toMinor);
        if (!string.IsNullOrEmpty(industry))
        {
            var sameIndustry = customers.Unchecked().Where(c => c.Industry == industry).Select(c => c.Id);
            similar = similar.Where(o => sameIndustry.Contains(o.CustomerId));
        }
        var winRows = await similar.GroupBy(o => o.OwnerId)
            .Select(g => new { OwnerId = g.Key, Won = g.Sum(o => o.Status == OpportunityStatus.Won ? 1 : 0), Closed = g.Count() })
            .ToDictionaryAsync(x => x.OwnerId, ct);

        var customerId = opportunity.CustomerId;
        var wonWithCustomer = await ours.Where(o => o.CustomerId == customerId && o.Status == OpportunityStatus.Won)
            .GroupBy(o => o.OwnerId).Select(g => new { OwnerId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.OwnerId, x => x.Count, ct);
        var open = await ours.Where(o => o.Status == OpportunityStatus.Open && o.Id != opportunity.Id)
            .GroupBy(o => o.OwnerId)
            .Select(g => new { OwnerId = g.Key, Count = g.Count(), Minor = g.Sum(o => o.Amount.Currency == currency ? o.Amount.MinorUnits : 0L) })
            .ToDictionaryAsync(x => x.OwnerId, ct);
        var contactCounts = await contacts.ContactsWith(customerId, repIds, since, ct);

        // A team's rate over its reps' similar deals; a team without any falls back to all candidates' rate.
        var allWon = winRows.Values.Sum(x => x.Won);
        var allClosed = winRows.Values.Sum(x => x.Closed);
        var overallRate = allClosed == 0 ? 0m : (decimal)allWon / allClosed;
        var teamRates = reps.GroupBy(r => r.TeamId).ToDictionary(g => g.Key ?? Guid.Empty, g =>
        {
            var won = g.Sum(r => winRows.GetValueOrDefault(r.Id)?.Won ?? 0);
            var closed = g.Sum(r => winRows.GetValueOrDefault(r.Id)?.Closed ?? 0);
            return closed == 0 ? overallRate : (decimal)won / closed;
        });

        var ranked = reps.Select(rep =>
            {
                var (won, closed) = winRows.TryGetValue(rep.Id, out var w) ? (w.Won, w.Closed) : (0, 0);
                var teamRate = teamRates[rep.TeamId ?? Guid.Empty];
                var winRate = RepScore.ShrunkWinRate(won, closed, teamRate);
                var contactCount = contactCounts.GetValueOrDefault(rep.Id);
                var wonHere = wonWithCustomer.GetValueOrDefault(rep.Id);
                var (openCount, openMinor) = open.TryGetValue(rep.Id, out var o) ? (o.Count, o.Minor) : (0, 0L);
                var winPoints = RepScore.Points(RepScore.WinWeight, winRate);
                var historyPoints = RepScore.Points(RepScore.HistoryWeight, RepScore.History(contactCount, wonHere));
                var workloadPoints = RepScore.Points(RepScore.WorkloadWeight, RepScore.Workload(openCount));
                return new RecommendedRepDto(rep.Id, rep.DisplayName, rep.TeamId, winPoints + historyPoints + workloadPoints,
                    won, closed, Math.Round(teamRate, 4), Math.Round(winRate, 4), winPoints,
                    contactCount, wonHere, historyPoints,
                    openCount, Money.FromMinorUnits(openMinor, currency), workloadPoints,
                    rep.Id == opportunity.OwnerId);
            })
            .OrderByDescending(r => r.Score).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.UserId).ToList();
        return new RecommendationsDto(opportunity.Id, string.IsNullOrEmpty(industry) ? null : industry,
            Money.FromMinorUnits(fromMinor, currency), toMinor == long.MaxValue ? null : Money.FromMinorUnits(toMinor, currency),
            RepScore.Months, RepScore.K, ranked);
    }
}
