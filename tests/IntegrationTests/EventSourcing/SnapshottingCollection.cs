namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>One snapshotting cluster for the snapshot classes: each deactivates and restarts around its own drops.</summary>
[CollectionDefinition(Name)]
public sealed class SnapshottingCollection : ICollectionFixture<SnapshottingCluster>
{
    public const string Name = "shared snapshotting cluster";
}
