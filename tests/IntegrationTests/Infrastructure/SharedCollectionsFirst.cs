using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("MicroEvents.IntegrationTests.Infrastructure.SharedCollectionsFirst", "MicroEvents.IntegrationTests")]

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the declared collections (the shared fixtures, the process cluster) before the one-class ones: they run
/// their classes one after another and are the run's longest chains, so started last they would run alone at the
/// end while the other test thread idles. The rest keep xunit's order.
/// </summary>
public sealed class SharedCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.CollectionDefinition is null ? 1 : 0);
}
