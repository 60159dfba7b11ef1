using Microsoft.EntityFrameworkCore;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// A module's provider-specific model parts (PostgreSQL trigram indexes, collations), applied by
/// <see cref="KeqingDb"/> for the provider in use; each provider's migrations hold its own.
/// </summary>
public interface IProviderModelConfiguration
{
    void ConfigurePostgres(ModelBuilder builder);
    void ConfigureSqlite(ModelBuilder builder);
}
