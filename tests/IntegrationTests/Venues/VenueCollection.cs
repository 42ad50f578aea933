namespace MicroEvents.IntegrationTests.Venues;

/// <summary>One venue server for the venue classes (nodes, vouchers, priming, contingency): each plays its own nodes and drops.</summary>
[CollectionDefinition(Name)]
public sealed class VenueCollection : ICollectionFixture<VenueServer>
{
    public const string Name = "shared venue server";
}
