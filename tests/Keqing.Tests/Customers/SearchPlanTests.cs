using System.Diagnostics;
using System.Security.Claims;
using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Keqing.Tests.Customers;

/// <summary>
/// Issue 18: after a bulk write leaves the trigram index a pending list (autovacuum off, so nothing merges it), the same
/// name search run 20 times on one connection stays on the index — also past the fifth run, when PostgreSQL may switch
/// an auto-prepared statement to a generic plan. Every plan is read back as the server ran it (auto_explain).
/// </summary>
public sealed class SearchPlanTests(SearchPlanTests.OneConnectionApp app) : IClassFixture<SearchPlanTests.OneConnectionApp>
{
    /// <summary>The host on PostgreSQL with a pool of one connection: every search runs on the same session.</summary>
    public sealed class OneConnectionApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Postgres)
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.UseSetting("ConnectionStrings:Keqing", ConnectionString + ";Maximum Pool Size=1");
    }

    private const int Customers = 20_000;
    private const string Term = "锦绣河山";

    [Fact]
    public async Task A_name_search_stays_on_the_trigram_index_after_a_bulk_write()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await BulkWrite(ct);

        var runs = new List<(TimeSpan Took, IReadOnlyList<string> Plans, int Found)>();
        for (var run = 0; run < 20; run++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            KeqingApp.Service<CurrentUser>(scope).Principal = admin;
            var db = KeqingApp.Service<KeqingDb>(scope);
            await db.Database.OpenConnectionAsync(ct);
            var plans = new List<string>();
            ((NpgsqlConnection)db.Database.GetDbConnection()).Notice += (_, e) => plans.Add(e.Notice.MessageText);
            // The plan of every statement the server runs comes back as a notice (the connection's reset undoes this).
            await db.Database.ExecuteSqlRawAsync("LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_level = notice", ct);
            var sw = Stopwatch.StartNew();
            var page = await KeqingApp.Service<ListCustomers>(scope).Handle(new CustomerQuery(Q: Term), 50, null, ct);
            runs.Add((sw.Elapsed, plans, page.Items.Count));
            await db.Database.CloseConnectionAsync();
        }

        for (var run = 0; run < runs.Count; run++)
        {
            var (took, plans, found) = runs[run];
            found.Should().Be(2, $"run {run + 1} finds both customers named with {Term}");
            var searches = plans.Where(p => p.Contains("\"SearchName\" LIKE", StringComparison.Ordinal)).ToList();
            searches.Should().NotBeEmpty($"run {run + 1} asked the name index");
            foreach (var plan in searches)
                plan.Should().Contain("IX_customers_SearchName_trgm", $"run {run + 1} ({took.TotalMilliseconds:N1} ms) stays on the trigram index")
                    .And.NotContain("Seq Scan on customers", $"run {run + 1} does not scan the table");
        }
    }

    /// <summary>Writes <see cref="Customers"/> organisations through the import's bulk writer, autovacuum off.</summary>
    private async Task<ClaimsPrincipal> BulkWrite(CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = KeqingApp.Service<KeqingDb>(scope);
        var users = KeqingApp.Service<IUserDirectory>(scope);
        var user = (await users.FindByEmail(KeqingApp.AdminEmail, ct))!;
        var roles = await users.RolesOf(user.Id, ct);
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE customers SET (autovacuum_enabled = false)", ct);
        var writer = KeqingApp.Service<ICustomerBulkWriter>(scope);
        var settings = new BulkImportSettings(MergeMode.Skip, "test", LegalBasis.Consent, user.Id, null);
        const string words = "华盛德仁远明泰康宏达兴隆永安鑫源恒通瑞丰嘉禾中信天宇金海新城博雅佳和正大";
        var random = new Random(18);
        for (var start = 0; start < Customers; start += 2_000)
        {
            var rows = Enumerable.Range(start, 2_000).Select(i => new CustomerImportRow(i + 1, CustomerKind.Organization,
                i is 777 or 12_345 ? $"上海{Term}{i}有限公司"
                    : $"{string.Concat(Enumerable.Range(0, 4).Select(_ => words[random.Next(words.Length)]))}{i}有限公司")
            {
                City = "上海",
                Phones = [$"139{i:D8}"],
            }).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await writer.Write(rows, settings, ct);
            await transaction.CommitAsync(ct);
            await writer.AfterBatchCommit(ct); // as the import does: statistics as the table grows, not the merge at its end
        }
        return new ClaimsPrincipal(new ClaimsIdentity(IdentityClaims.For(user.Id, user.DisplayName, user.Email, roles), "test"));
    }
}
