using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Keqing.Infrastructure.Data;

/// <summary>KeqingDb on SQLite, the embedded default; owns the migrations in Migrations/Sqlite.</summary>
public sealed class SqliteKeqingDb(DbContextOptions<SqliteKeqingDb> options) : KeqingDb(options);

/// <summary>KeqingDb on PostgreSQL; owns the migrations in Migrations/Postgres.</summary>
public sealed class PostgresKeqingDb(DbContextOptions<PostgresKeqingDb> options) : KeqingDb(options);

/// <summary>Lets `dotnet ef` build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteKeqingDb>
{
    public SqliteKeqingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteKeqingDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets `dotnet ef` build the PostgreSQL context without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKeqingDb>
{
    public PostgresKeqingDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKeqingDb>().UseNpgsql("Host=localhost;Database=keqing").Options);
}
