namespace Keqing.Tests.Architecture;

/// <summary>Each rule of <see cref="ModuleRules"/> run on the deliberately bad modules of SampleModules.cs finds exactly their faults.</summary>
public sealed class ModuleRulesDetectViolationsTests
{
    private const string Root = "Keqing.Tests.Architecture.Sample";
    private static readonly ModuleLayout Sample = new(typeof(ModuleRulesDetectViolationsTests).Assembly, $"{Root}.Modules", $"{Root}.Infrastructure");

    [Fact]
    public void The_sample_modules_are_found() =>
        ModuleRules.Modules(Sample).Should().Equal("Alpha", "Beta", "Gamma");

    [Fact]
    public void A_module_using_anothers_internals_is_found_even_inside_an_async_method() =>
        ModuleRules.ForeignInternals(Sample).Should().Equal($"internals: {Root}.Modules.Alpha.Features.AlphaReachesIn uses Beta's internals");

    [Fact]
    public void Contracts_on_the_dbcontext_or_on_internals_are_found() =>
        ModuleRules.ImplementationsInContracts(Sample).Should().Equal(
            $"contracts: {Root}.Modules.Alpha.Contracts.AlphaLookup",
            $"contracts: {Root}.Modules.Beta.Contracts.BetaLeak");

    [Fact]
    public void Infrastructure_using_a_module_is_found_and_an_exception_covers_only_what_it_names()
    {
        var exceptions = new Dictionary<string, string[]>
        {
            [$"{Root}.Infrastructure.SampleDb"] = [$"{Root}.Modules.Beta.Domain.BetaEntity"],
            [$"{Root}.Infrastructure.SampleDbOverreach"] = [$"{Root}.Modules.Beta.Domain.BetaEntity"],
        };
        ModuleRules.InfrastructureUsingModules(Sample, exceptions).Should().Equal(
            $"infrastructure: {Root}.Infrastructure.SampleClock uses Gamma",
            $"infrastructure: {Root}.Infrastructure.SampleDbOverreach uses Beta beyond its exception");
        ModuleRules.InfrastructureUsingModules(Sample, new Dictionary<string, string[]>()).Should().Contain(
            $"infrastructure: {Root}.Infrastructure.SampleDb uses Beta", "without its exception SampleDb is a violation too");
    }

    [Fact]
    public void The_dependency_graph_and_its_cycle_are_found()
    {
        ModuleRules.DependencyGraph(Sample).Keys.Should().BeEquivalentTo([("Alpha", "Beta"), ("Alpha", "Gamma"), ("Beta", "Gamma"), ("Gamma", "Beta")]);
        ModuleRules.Cycles(Sample).Should().Equal("cycle: Beta, Gamma");
    }
}
