using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Events;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>Registers KeqingDb on the configured provider, one context per scope (request, or UI operation).</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddKeqingDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Keqing:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Keqing");
        services.Configure<DatabaseRetryOptions>(configuration.GetSection(DatabaseRetryOptions.Section));
        services.AddSingleton<DatabaseRetry>();
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<AuditChainInterceptor>();
        services.AddScoped<DomainEvents>();
        services.AddScoped<DomainEventsBeforeSave>();
        services.AddScoped<DomainEventsAfterCommit>();

        switch (options.Provider.ToLowerInvariant())
        {
            case DatabaseOptions.Sqlite:
                Add<SqliteKeqingDb>(services, (o, _) =>
                    o.UseSqlite(connectionString ?? "Data Source=keqing.db",
                        s => s.MigrationsHistoryTable("__migrations")));
                break;
            case DatabaseOptions.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException(
                        "Keqing:Database:Provider is postgres but ConnectionStrings:Keqing is empty.");
                // Statements the app repeats are prepared once per connection: planning a list query costs more
                // than running it. An explicit Max Auto Prepare in the connection string wins.
                var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) npgsql.MaxAutoPrepare = 200;
                Add<PostgresKeqingDb>(services, (o, _) =>
                    o.UseNpgsql(npgsql.ConnectionString, n => n.MigrationsHistoryTable("__migrations")));
                break;
            default:
                throw new InvalidOperationException(
                    $"Unknown Keqing:Database:Provider '{options.Provider}': use 'sqlite' or 'postgres'.");
        }
        return services;
    }

    private static void Add<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder, IServiceProvider> configure)
        where TContext : KeqingDb
    {
        // Scoped factory: each context gets the scope's interceptor, which knows who is acting.
        services.AddDbContextFactory<TContext>((sp, o) =>
        {
            configure(o, sp);
            AddModuleModels(o, sp);
            // Before anything records the save: a refused character fails it as a field error.
            o.AddInterceptors(sp.GetRequiredService<ControlCharacterGuard>());
            // Then, so a save counts as under way while it waits for SQLite's write lock.
            o.AddInterceptors(sp.GetRequiredService<SaveActivityInterceptor>());
            // Before the audit, so what before-commit handlers add is audited and chained with the change.
            o.AddInterceptors(sp.GetRequiredService<DomainEventsBeforeSave>());
            o.AddInterceptors(sp.GetRequiredService<AuditInterceptor>());
            // Modules' own interceptors (registered as IInterceptor) run after the audit.
            o.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
            // Last, so it chains the audit rows every interceptor before it added.
            o.AddInterceptors(sp.GetRequiredService<AuditChainInterceptor>());
            // After the chain, whose own transaction has committed by the time this one hears the save is done.
            o.AddInterceptors(sp.GetRequiredService<DomainEventsAfterCommit>());
        }, ServiceLifetime.Scoped);
        services.AddSingleton<SaveActivity>();
        services.AddSingleton<SaveActivityInterceptor>();
        services.AddSingleton<ControlCharacterGuard>();
        services.AddScoped<KeqingDb>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IDbContextFactory<KeqingDb>>(sp =>
            new DerivedContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }

    /// <summary>Entities of modules from other assemblies (plug-ins, tests' modules) join the model; their tables are theirs.</summary>
    private static void AddModuleModels(DbContextOptionsBuilder options, IServiceProvider services)
    {
        var assemblies = services.GetService<Modules.ModuleCatalog>()?.OtherAssemblies ?? [];
        if (assemblies.Count == 0) return;
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new ModuleModels(assemblies));
        options.ReplaceService<IModelCacheKeyFactory, ModuleModelCacheKeyFactory>();
        // Keqing's migrations hold Keqing's tables only; the model differs from them by exactly the modules' own.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    private sealed class DerivedContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<KeqingDb>
        where TContext : KeqingDb
    {
        public KeqingDb CreateDbContext() => inner.CreateDbContext();
    }
}
