using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Modules.Pools.Data;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Pools.Features;

/// <summary>
/// The customers waiting in a pool, for its members (and admins): name, region, industry, grade, last follow-up and
/// why each is here, newest arrivals first, keyset-paged; never contact details or notes.
/// </summary>
public sealed class ListPoolCustomers(KeqingDb db, Pools pools)
{
    private sealed record Cursor(DateTime At, Guid Id);

    /// <summary>One row of the list query.</summary>
    public sealed class Row
    {
        public Guid CustomerId { get; set; }
        public string Name { get; set; } = "";
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? Industry { get; set; }
        public string? Grade { get; set; }
        public DateTime? LastFollowUpAt { get; set; }
        public DateTime InPoolSince { get; set; }
        public string Reason { get; set; } = "";
        public string? Note { get; set; }
    }

    public async Task<Page<PoolCustomerDto>> Handle(Guid poolId, int? limit, string? after, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var cursor = Paging.Decode<Cursor>(after);
        await pools.Visible(poolId, ct);
        var parameters = new List<object> { poolId, take + 1 };
        var keyset = "";
        if (cursor is not null)
        {
            parameters.Add(DateTime.SpecifyKind(cursor.At, DateTimeKind.Utc));
            parameters.Add(cursor.Id);
            keyset = """AND (s."InPoolSince" < {2} OR (s."InPoolSince" = {2} AND s."CustomerId" < {3}))""";
        }
        var sql = $"""
            SELECT s."CustomerId" AS "CustomerId", c."Name" AS "Name", c."Province" AS "Province", c."City" AS "City",
                c."Industry" AS "Industry", c."Grade" AS "Grade", s."InPoolSince" AS "InPoolSince", s."Reason" AS "Reason", s."Note" AS "Note",
                (SELECT MAX(i."OccurredAt") FROM {ForeignTables.Interactions} i WHERE i."CustomerId" = c."Id") AS "LastFollowUpAt"
            FROM pools_customers s JOIN {ForeignTables.Customers} c ON c."Id" = s."CustomerId"
            WHERE s."PoolId" = {"{0}"} AND c."ArchivedAt" IS NULL {keyset}
            ORDER BY s."InPoolSince" DESC, s."CustomerId" DESC
            LIMIT {"{1}"}
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray()).ToListAsync(ct);
        var items = rows.Select(r => new PoolCustomerDto(r.CustomerId, r.Name, r.Province, r.City, r.Industry,
            Enum.TryParse<CustomerGrade>(r.Grade, out var g) ? g : null,
            r.LastFollowUpAt is { } l ? DateTime.SpecifyKind(l, DateTimeKind.Utc) : null,
            DateTime.SpecifyKind(r.InPoolSince, DateTimeKind.Utc), r.Reason, r.Note)).ToList();
        return Paging.ToPage(items, take, i => new Cursor(i.InPoolSince, i.CustomerId));
    }
}
