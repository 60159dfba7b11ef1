using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Pools.Data;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// The to-do centre's section "customers about to return to the pool": the user's customers whose owner the recycle job
/// warned (inside a rule's notice window) and that still wait for it, soonest due first, with the due time. A warning
/// no longer counts once the customer was followed up after it, changed owner, went to a pool or was locked.
/// </summary>
public sealed class PoolsTodo(KeqingDb db) : ITodoSource
{
    public string Key => "pools.returning";
    public string Title => FieldErrors.Text("Customers about to return to the pool");
    public int Order => 35;
    // Who sells owns the customers a pool's rules take back (a service agent's section list stays as it was).
    public string? Capability => OpportunitiesCapabilities.Work;

    private sealed record Cursor(DateTime DueAt, Guid Id);

    /// <summary>One row of the section's query.</summary>
    public sealed class Row
    {
        public Guid CustomerId { get; set; }
        public string Name { get; set; } = "";
        public DateTime DueAt { get; set; }
        public string PoolName { get; set; } = "";
        public int Total { get; set; }
    }

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var parameters = new List<object> { query.UserId, query.Now };
        // A customer may have been warned of several due times (a follow-up moved it on): the soonest still standing.
        var waiting = $"""
            FROM pools_warnings w
            JOIN {ForeignTables.Customers} c ON c."Id" = w."CustomerId"
            JOIN pools_pools p ON p."Id" = w."PoolId"
            LEFT JOIN pools_customers s ON s."CustomerId" = w."CustomerId"
            WHERE w."OwnerId" = {"{0}"} AND c."OwnerId" = {"{0}"} AND c."ArchivedAt" IS NULL AND w."DueAt" > {"{1}"}
              AND (s."CustomerId" IS NULL OR (s."PoolId" IS NULL AND s."LockedAt" IS NULL AND (s."OwnedSince" IS NULL OR s."OwnedSince" <= w."WarnedAt")))
              AND NOT EXISTS (SELECT 1 FROM {ForeignTables.Interactions} i WHERE i."CustomerId" = w."CustomerId" AND i."OccurredAt" > w."WarnedAt")
              AND NOT EXISTS (SELECT 1 FROM pools_warnings e WHERE e."CustomerId" = w."CustomerId" AND e."OwnerId" = w."OwnerId" AND e."DueAt" > {"{1}"} AND e."DueAt" < w."DueAt")
            """;
        var countSql = $"""SELECT COUNT(*) AS "Value" {waiting}""";
        if (query.Limit == 0)
            return TodoSectionPage.CountOnly(await db.Database.SqlQueryRaw<int>(countSql, parameters.ToArray()).SingleAsync(ct));
        var keyset = "";
        if (Paging.Decode<Cursor>(query.After) is { } cursor)
        {
            parameters.Add(cursor.DueAt);
            parameters.Add(cursor.Id);
            keyset = """AND (w."DueAt" > {2} OR (w."DueAt" = {2} AND w."CustomerId" > {3}))""";
        }
        parameters.Add(query.Limit + 1);
        var sql = $"""
            SELECT w."CustomerId" AS "CustomerId", c."Name" AS "Name", w."DueAt" AS "DueAt", p."Name" AS "PoolName",
                (SELECT COUNT(*) {waiting}) AS "Total"
            {waiting} {keyset}
            ORDER BY w."DueAt", w."CustomerId"
            LIMIT {"{" + (parameters.Count - 1) + "}"}
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray()).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Total
            : query.After is null ? 0 : await db.Database.SqlQueryRaw<int>(countSql, parameters.Take(2).ToArray()).SingleAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(Utc(r.DueAt), r.CustomerId),
            r => new TodoItem("customers.customer", r.CustomerId, r.Name, FieldErrors.Text("Returns to the pool {0} unless followed up", r.PoolName),
                Utc(r.DueAt), false, $"/customers/{r.CustomerId}"));
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
