namespace MicroEvents.IntegrationTests.Live;

/// <summary>One live server for the live feed and the live page: each follows drops of its own.</summary>
[CollectionDefinition(Name)]
public sealed class LiveCollection : ICollectionFixture<LiveServer>
{
    public const string Name = "shared live server";
}
