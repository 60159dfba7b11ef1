using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(Keqing.E2E.LongestJourneyFirst))]

namespace Keqing.E2E;

/// <summary>
/// Starts the role tour (every page of every role's menu, by far the longest journey) before the others, which keep
/// xUnit's default random order. Started last, the tour ran alone for minutes after every other journey had finished.
/// </summary>
public sealed class LongestJourneyFirst : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection
    {
        // The class's own collection: "Test collection for Keqing.E2E.RoleTourJourney".
        static bool IsTour(TTestCollection c) => c.TestCollectionDisplayName.Contains(typeof(RoleTourJourney).FullName!, StringComparison.Ordinal);
        var others = DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections.Where(c => !IsTour(c)).ToList());
        return [.. testCollections.Where(IsTour), .. others];
    }
}
