// Deliberately bad modules, compiled into the test assembly so that every rule of ModuleRules is seen to fail
// (ModuleRulesDetectViolationsTests). Nothing uses these types at run time.
using Keqing.Infrastructure.Data;
using Keqing.Tests.Architecture.Sample.Modules.Beta.Contracts;
using Keqing.Tests.Architecture.Sample.Modules.Beta.Domain;
using Keqing.Tests.Architecture.Sample.Modules.Gamma.Contracts;

namespace Keqing.Tests.Architecture.Sample.Modules.Beta.Domain
{
    /// <summary>An entity: Beta's internals.</summary>
    public sealed class BetaEntity
    {
        public int Id { get; set; }
    }
}

namespace Keqing.Tests.Architecture.Sample.Modules.Beta.Contracts
{
    /// <summary>A fine contract; through it Beta uses Gamma's contract (Beta → Gamma).</summary>
    public interface IBetaPort
    {
        Task<GammaDto> Find(int id);
    }

    /// <summary>Bad: a contract that exposes Beta's entity.</summary>
    public sealed record BetaLeak(BetaEntity Entity);

    /// <summary>A fine DTO.</summary>
    public sealed record BetaDto(int Id);
}

namespace Keqing.Tests.Architecture.Sample.Modules.Gamma.Contracts
{
    /// <summary>A fine DTO.</summary>
    public sealed record GammaDto(string Name);
}

namespace Keqing.Tests.Architecture.Sample.Modules.Gamma.Features
{
    /// <summary>Uses Beta only through its contract, but Beta uses Gamma: the cycle Beta ↔ Gamma.</summary>
    public sealed class GammaThing(IBetaPort port)
    {
        public Task<GammaDto> Get(int id) => port.Find(id);
    }
}

namespace Keqing.Tests.Architecture.Sample.Modules.Alpha.Contracts
{
    /// <summary>Bad: an implementation in Contracts, on the one DbContext.</summary>
    public sealed class AlphaLookup(KeqingDb db)
    {
        public bool Ready => db.Database.ProviderName is not null;
    }
}

namespace Keqing.Tests.Architecture.Sample.Modules.Alpha.Features
{
    /// <summary>Fine: uses Beta through its contract, and Gamma's DTO through it (Alpha → Beta, Alpha → Gamma, no cycle).</summary>
    public sealed class AlphaUsesContracts(IBetaPort port)
    {
        public Task<GammaDto> Get() => port.Find(1);
    }

    /// <summary>Bad, and only in an async method's body: the state machine news up Beta's entity.</summary>
    public sealed class AlphaReachesIn
    {
        public static async Task<int> Count()
        {
            await Task.Yield();
            return new List<BetaEntity> { new() }.Count;
        }
    }
}

namespace Keqing.Tests.Architecture.Sample.Infrastructure
{
    /// <summary>Bad: platform code using a module (in a method body).</summary>
    public sealed class SampleClock
    {
        public static string Name() => new GammaDto("x").Name;
    }

    /// <summary>Fine by its exception: may use Beta's entity.</summary>
    public sealed class SampleDb
    {
        public BetaEntity? Entity { get; set; }
    }

    /// <summary>Bad: its exception grants Beta's entity, and it uses Beta's DTO too.</summary>
    public sealed class SampleDbOverreach
    {
        public BetaEntity? Entity { get; set; }
        public BetaDto? Dto { get; set; }
    }
}
