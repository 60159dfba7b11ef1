using System.Globalization;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Keeps the recycle job's due sets cheap to find (issue 17: 1,000,000 customers in 5 s): every live customer has a
/// state row whose <see cref="PoolCustomer.FollowUpFrom"/> and <see cref="PoolCustomer.OwnedFrom"/> are lower bounds of
/// when its recycle clocks started, indexed over the owned, unlocked rows. The job reads only the rows below a rule's
/// cutoff and checks each against the customer, its follow-ups and its deals as before; this refresh, run first in the
/// job's transaction, adds the rows of new customers and sets the bounds of the rows in reach of any rule (notice
/// included) to the truth, so a customer followed up since leaves the range until its clock comes round again.
/// The first run after an upgrade reads every customer once (the backfill); later runs touch only new customers and
/// the customers in reach.
/// </summary>
internal static class RecycleDueSets
{
    public static async Task Refresh(DbContext db, IReadOnlyList<Pool> pools, DateTime now, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        // PostgreSQL's GREATEST skips a null; SQLite's two-argument MAX returns it, hence the COALESCE.
        string Later(string owned, string lastFollowUp) =>
            postgres ? $"GREATEST({owned}, {lastFollowUp})" : $"MAX({owned}, COALESCE({lastFollowUp}, {owned}))";
        string LastFollowUp(string customerId) =>
            $"""(SELECT MAX(i."OccurredAt") FROM {ForeignTables.Interactions} i WHERE i."CustomerId" = {customerId})""";

        // Customers created since the last run (without a row: owned since their creation).
        var newFollowUpFrom = Later("c.\"CreatedAt\"", LastFollowUp("c.\"Id\""));
        var addNew = $"""
            INSERT INTO pools_customers ("CustomerId", "FollowUpFrom", "OwnedFrom")
            SELECT c."Id", {newFollowUpFrom}, c."CreatedAt" FROM {ForeignTables.Customers} c
            WHERE c."ArchivedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM pools_customers s WHERE s."CustomerId" = c."Id")
            ORDER BY c."Id"
            ON CONFLICT ("CustomerId") DO NOTHING
            """;
        await db.Database.ExecuteSqlRawAsync(addNew, ct);

        // In reach: the clock started before the earliest cutoff of any rule, its notice included.
        var rules = pools.SelectMany(p => p.Rules).ToList();
        var followUpLeads = rules.Where(r => r.DaysWithoutFollowUp is not null).Select(r => r.DaysWithoutFollowUp!.Value - r.NoticeDays).ToList();
        var wonLeads = rules.Where(r => r.DaysWithoutWonDeal is not null).Select(r => r.DaysWithoutWonDeal!.Value - r.NoticeDays).ToList();
        var values = new List<object>();
        // Rows written elsewhere (a claim, a lock) start without bounds.
        var reach = new List<string> { """x."FollowUpFrom" IS NULL OR x."OwnedFrom" IS NULL""" };
        if (followUpLeads.Count > 0)
        {
            values.Add(now.AddDays(-followUpLeads.Min()));
            reach.Add("x.\"FollowUpFrom\" <= {" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}");
        }
        if (wonLeads.Count > 0)
        {
            values.Add(now.AddDays(-wonLeads.Min()));
            reach.Add("x.\"OwnedFrom\" <= {" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}");
        }

        const string owned = """COALESCE(x."OwnedSince", c."CreatedAt")""";
        var followUpFrom = Later(owned, LastFollowUp("x.\"CustomerId\""));
        var differs = postgres ? "IS DISTINCT FROM" : "IS NOT";
        var refresh = $"""
            UPDATE pools_customers AS s SET "FollowUpFrom" = a."FollowUpFrom", "OwnedFrom" = a."OwnedFrom"
            FROM (SELECT x."CustomerId", {owned} AS "OwnedFrom", {followUpFrom} AS "FollowUpFrom"
                  FROM pools_customers x JOIN {ForeignTables.Customers} c ON c."Id" = x."CustomerId"
                  WHERE x."PoolId" IS NULL AND x."LockedAt" IS NULL AND ({string.Join(" OR ", reach)})) a
            WHERE s."CustomerId" = a."CustomerId" AND (s."FollowUpFrom" {differs} a."FollowUpFrom" OR s."OwnedFrom" {differs} a."OwnedFrom")
            """;
        await db.Database.ExecuteSqlRawAsync(refresh, values, ct);
    }
}
