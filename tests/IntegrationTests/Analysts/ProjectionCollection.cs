namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>One projection server for the projection classes: each reads the read models of its own drops.</summary>
[CollectionDefinition(Name)]
public sealed class ProjectionCollection : ICollectionFixture<ProjectionServer>
{
    public const string Name = "shared projection server";
}
