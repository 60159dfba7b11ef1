using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Keqing.Infrastructure.Data;

/// <summary>
/// The assemblies, other than Keqing's own, whose modules bring entities into <see cref="KeqingDb"/>'s model (a module
/// shipped as a plug-in, or a test's module): their entity configurations are applied, and the model is cached per set.
/// Their tables are theirs to create; Keqing's migrations hold only Keqing's own.
/// </summary>
public sealed class ModuleModels(IReadOnlyList<Assembly> assemblies) : IDbContextOptionsExtension
{
    public IReadOnlyList<Assembly> Assemblies { get; } = assemblies;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    /// <summary>A string that tells one set of module assemblies from another (the model cache key).</summary>
    internal string Key => string.Join(",", Assemblies.Select(a => a.FullName).Order(StringComparer.Ordinal));

    private sealed class ExtensionInfo(ModuleModels extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => $"ModuleModels={extension.Key} ";
        public override int GetServiceProviderHashCode() => extension.Key.GetHashCode(StringComparison.Ordinal);
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo info && info.Extension is ModuleModels m && m.Key == extension.Key;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Keqing:ModuleModels"] = extension.Key;
    }
}

/// <summary>Caches one model per set of module assemblies, so a context with a plug-in's entities never gets another's model.</summary>
internal sealed class ModuleModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), context.GetService<IDbContextOptions>().FindExtension<ModuleModels>()?.Key ?? "", designTime);
}
