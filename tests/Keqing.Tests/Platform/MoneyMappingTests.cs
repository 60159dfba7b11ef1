using Keqing.Infrastructure.Money;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Tests.Platform;

/// <summary>
/// <see cref="MoneyMapping.HasMoney{TEntity}"/> on both providers, through a test-only context (no product table):
/// two columns, exact minor units at the extremes of long, the currency kept, queries on the minor units.
/// </summary>
public abstract class MoneyMappingTests(PostgresServer postgres, Provider provider) : IAsyncLifetime
{
    private string connectionString = "";
    private string? sqliteFile;

    public async ValueTask InitializeAsync()
    {
        if (provider == Provider.Postgres) connectionString = await postgres.CreateDatabaseAsync();
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"keqing-money-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={sqliteFile}";
        }
        await using var db = NewDb();
        await db.Database.EnsureCreatedAsync();
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (sqliteFile is not null) File.Delete(sqliteFile);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private PriceDb NewDb() => new(provider == Provider.Postgres
        ? new DbContextOptionsBuilder<PriceDb>().UseNpgsql(connectionString).Options
        : new DbContextOptionsBuilder<PriceDb>().UseSqlite(connectionString).Options);

    [Fact]
    public void The_model_has_two_columns_per_amount()
    {
        using var db = NewDb();
        var table = db.Model.FindEntityType(typeof(PricedLine))!;
        var columns = table.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())
            .Select(p => (p.GetColumnName(), p.GetColumnType())).ToList();
        columns.Select(c => c.Item1).Should().BeEquivalentTo("PriceMinor", "PriceCurrency", "DiscountMinor", "DiscountCurrency");
        columns.Where(c => c.Item1.EndsWith("Minor", StringComparison.Ordinal)).Select(c => c.Item2)
            .Should().AllSatisfy(t => t.Should().BeOneOf("bigint", "INTEGER"));
    }

    [Fact]
    public async Task Amounts_are_stored_and_read_back_exactly_and_can_be_queried()
    {
        Money[] prices = [Money.Of(12.34m), Money.FromMinorUnits(long.MaxValue, "CNY"), Money.FromMinorUnits(long.MinValue, "USD"),
            Money.Of(1200, "JPY"), Money.Of(-0.001m, "KWD"), default];
        var ids = new List<Guid>();
        await using (var db = NewDb())
        {
            foreach (var price in prices)
            {
                var line = new PricedLine { Price = price, Discount = price.IsNegative ? price : -price };
                db.Add(line);
                ids.Add(line.Id);
            }
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = NewDb())
        {
            var read = await db.Lines.ToDictionaryAsync(l => l.Id, TestContext.Current.CancellationToken);
            ids.Select(id => read[id].Price).Should().Equal(prices);
            read[ids[0]].Discount.Should().Be(Money.Of(-12.34m));
            var cheap = await db.Lines.Where(l => l.Price.Currency == "CNY" && l.Price.MinorUnits < 2000).Select(l => l.Id)
                .ToListAsync(TestContext.Current.CancellationToken);
            cheap.Should().BeEquivalentTo([ids[0], ids[5]]);

            var first = read[ids[0]];
            db.Attach(first);
            first.Price = first.Price * 2L;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var db = NewDb())
            (await db.Lines.SingleAsync(l => l.Id == ids[0], TestContext.Current.CancellationToken)).Price.Should().Be(Money.Of(24.68m));
    }

    /// <summary>A line of a test-only table with two amounts.</summary>
    public sealed class PricedLine
    {
        public Guid Id { get; set; } = Guid.NewGuid();
        public Money Price { get; set; }
        public Money Discount { get; set; }
    }

    /// <summary>The test-only context.</summary>
    public sealed class PriceDb(DbContextOptions<PriceDb> options) : DbContext(options)
    {
        public DbSet<PricedLine> Lines => Set<PricedLine>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            var line = modelBuilder.Entity<PricedLine>();
            line.ToTable("test_priced_lines");
            line.HasMoney(l => l.Price);
            line.HasMoney(l => l.Discount);
        }
    }
}

public sealed class MoneyMappingTestsOnSqlite(PostgresServer postgres) : MoneyMappingTests(postgres, Provider.Sqlite);
public sealed class MoneyMappingTestsOnPostgres(PostgresServer postgres) : MoneyMappingTests(postgres, Provider.Postgres);
