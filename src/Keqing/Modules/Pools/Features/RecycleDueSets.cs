using System.Globalization;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Pools.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// Keeps the recycle job's due sets cheap to find (issue 17: 1,000,000 customers in 5 s): every live customer has a
/// state row whose <see cref="PoolCustomer.FollowUpFrom"/> and <see cref="PoolCustomer.OwnedFrom"/> are lower bounds of
/// when its recycle clocks started, indexed over the owned, unlocked rows. The job reads only the rows below a rule's
/// cutoff and checks each against the customer, its follow-ups and its deals as before. In the job's transaction,
/// <see cref="AddNew"/> first adds the rows of new customers; after the moves, <see cref="Refresh"/> sets the bounds of
/// the rows still in reach of any rule (notice included) to the truth, so a customer followed up since leaves the range
/// until its clock comes round again, and the warnings read true due times.
/// The first run after an upgrade reads every customer once (the backfill); later runs look for customers without a row
/// only among those created or changed since the run before (<see cref="ChangedSince"/>), and once a day among all.
/// </summary>
internal static class RecycleDueSets
{
    /// <summary>How often a run reads every live customer for ones without a row, whatever the window says.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromDays(1);

    /// <summary>
    /// How far before the last run a run's window of changed customers begins: a customer's change time comes from the
    /// clock of the node that wrote it and is stamped before its transaction commits.
    /// </summary>
    public static readonly TimeSpan ChangedMargin = TimeSpan.FromHours(1);

    /// <summary>
    /// From when this run looks for customers without a row (created, or restored from the archive, since then: both
    /// stamp the customer's <c>UpdatedAt</c>); null when it reads them all: no run swept within <see cref="SweepEvery"/>
    /// (the first run, a day since the last sweep), which also catches rows written behind the window's back.
    /// </summary>
    public static async Task<DateTime?> ChangedSince(DbContext db, DateTime now, CancellationToken ct)
    {
        var runs = db.Set<RecycleRun>().AsNoTracking();
        var lastSweep = await runs.Where(r => r.Swept).MaxAsync(r => (DateTime?)r.At, ct);
        if (lastSweep is null || lastSweep <= now - SweepEvery) return null;
        return await runs.MaxAsync(r => (DateTime?)r.At, ct) - ChangedMargin;
    }

    // PostgreSQL's GREATEST skips a null; SQLite's two-argument MAX returns it, hence the COALESCE.
    private static string Later(bool postgres, string owned, string lastFollowUp) =>
        postgres ? $"GREATEST({owned}, {lastFollowUp})" : $"MAX({owned}, COALESCE({lastFollowUp}, {owned}))";

    private static string LastFollowUp(string customerId) =>
        $"""(SELECT MAX(i."OccurredAt") FROM {ForeignTables.Interactions} i WHERE i."CustomerId" = {customerId})""";

    /// <summary>
    /// Adds the rows of the customers without one (owned since their creation): among those changed since
    /// <paramref name="changedSince"/>, found by an index range, or among all.
    /// </summary>
    public static async Task AddNew(DbContext db, DateTime? changedSince, CancellationToken ct)
    {
        var newFollowUpFrom = Later(db.Database.IsNpgsql(), "c.\"CreatedAt\"", LastFollowUp("c.\"Id\""));
        var addNew = $"""
            INSERT INTO pools_customers ("CustomerId", "FollowUpFrom", "OwnedFrom")
            SELECT c."Id", {newFollowUpFrom}, c."CreatedAt" FROM {ForeignTables.Customers} c
            WHERE c."ArchivedAt" IS NULL {(changedSince is null ? "" : "AND c.\"UpdatedAt\" >= {0}")}
              AND NOT EXISTS (SELECT 1 FROM pools_customers s WHERE s."CustomerId" = c."Id")
            ORDER BY c."Id"
            ON CONFLICT ("CustomerId") DO NOTHING
            """;
        await db.Database.ExecuteSqlRawAsync(addNew, changedSince is { } since ? [since] : [], ct);
    }

    /// <summary>Sets the bounds of the rows in reach of any rule (its notice included) to the truth.</summary>
    public static async Task Refresh(DbContext db, IReadOnlyList<Pool> pools, DateTime now, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        // In reach: the clock started before the earliest cutoff of any rule, its notice included.
        var rules = pools.SelectMany(p => p.Rules).ToList();
        var followUpLeads = rules.Where(r => r.DaysWithoutFollowUp is not null).Select(r => r.DaysWithoutFollowUp!.Value - r.NoticeDays).ToList();
        var wonLeads = rules.Where(r => r.DaysWithoutWonDeal is not null).Select(r => r.DaysWithoutWonDeal!.Value - r.NoticeDays).ToList();
        var values = new List<object>();
        // Rows written elsewhere (a claim, a lock) start without bounds.
        var reach = new List<string> { """s."FollowUpFrom" IS NULL OR s."OwnedFrom" IS NULL""" };
        if (followUpLeads.Count > 0)
        {
            values.Add(now.AddDays(-followUpLeads.Min()));
            reach.Add("s.\"FollowUpFrom\" <= {" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}");
        }
        if (wonLeads.Count > 0)
        {
            values.Add(now.AddDays(-wonLeads.Min()));
            reach.Add("s.\"OwnedFrom\" <= {" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}");
        }

        // The rows in reach updated in place. The customer's creation time is read by its key, and only for rows never
        // claimed or assigned: joined to the customers instead, the planner hashed the range and read all of them (a join
        // of the table with itself did the same). The last follow-up is read again only for the rows whose bounds change.
        var owned = $"""COALESCE(s."OwnedSince", (SELECT c."CreatedAt" FROM {ForeignTables.Customers} c WHERE c."Id" = s."CustomerId"))""";
        var followUpFrom = Later(postgres, owned, LastFollowUp("s.\"CustomerId\""));
        var differs = postgres ? "IS DISTINCT FROM" : "IS NOT";
        var refresh = $"""
            UPDATE pools_customers AS s SET "FollowUpFrom" = {followUpFrom}, "OwnedFrom" = {owned}
            WHERE s."PoolId" IS NULL AND s."LockedAt" IS NULL AND ({string.Join(" OR ", reach)})
              AND (s."FollowUpFrom" {differs} {followUpFrom} OR s."OwnedFrom" {differs} {owned})
            """;
        await db.Database.ExecuteSqlRawAsync(refresh, values, ct);
    }
}
