namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>One feed cluster for the feed classes: the recorder keeps each drop's deliveries apart.</summary>
[CollectionDefinition(Name)]
public sealed class FeedCollection : ICollectionFixture<FeedCluster>
{
    public const string Name = "shared feed cluster";
}
