using Keqing.Infrastructure.Audit;
using Keqing.Modules.Identity.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Keqing.Infrastructure.Data;

/// <summary>The one DbContext of Keqing: every module's tables, configured from the module's Data folder.</summary>
/// <remarks>
/// Each provider has a derived context (<see cref="SqliteKeqingDb"/>, <see cref="PostgresKeqingDb"/>) only so that
/// each can own its migrations; the model is the same (see docs/adr/0001-one-assembly-two-migration-sets.md).
/// </remarks>
public abstract class KeqingDb(DbContextOptions options)
    : IdentityDbContext<User, Role, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>,
        IdentityRoleClaim<Guid>, IdentityUserToken<Guid>>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    /// <summary>Cookie and antiforgery keys, shared by every app node through the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KeqingDb).Assembly);
        foreach (var assembly in this.GetService<IDbContextOptions>().FindExtension<ModuleModels>()?.Assemblies ?? [])
            builder.ApplyConfigurationsFromAssembly(assembly);
        builder.Entity<DataProtectionKey>().ToTable("infra_data_protection_keys");
        foreach (var type in typeof(KeqingDb).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProviderModelConfiguration).IsAssignableFrom(t)))
        {
            var configuration = (IProviderModelConfiguration)Activator.CreateInstance(type)!;
            if (Database.IsNpgsql()) configuration.ConfigurePostgres(builder);
            else configuration.ConfigureSqlite(builder);
        }

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC DateTime on both providers (SQLite cannot sort DateTimeOffset).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
