namespace MicroEvents.IntegrationTests.Infrastructure;

// One fixture instance per collection below, shared by its classes (they run one after another on it): starting
// an Orleans test cluster, its Marten schema and the gateway on Kestrel costs seconds, a class's tests often less.
// A class joins a shared collection only if its tests use their own ids (drops, wallets, nodes, keys) and leave the
// fixture as they found it for the next class. A class gets its own fixture (IClassFixture) when it changes the
// fixture for everyone: stops or restarts the silos of a fixture with a gateway (the gateway keeps the old client),
// sets configuration, counts or scans everything the fixture logged or stored, or needs a fixture type of its own.

/// <summary>
/// The plain gateway for the HTTP contract (drops, problems, queries, signed claims, documents), access (keys,
/// sign-in, creator tokens, roles) and the analysts' reads.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedGateway : ICollectionFixture<GatewayServer>
{
    public const string Name = "shared gateway";
}

/// <summary>The claim server (mail, escrow reminders, receipts) for claim, custody and receipt classes.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClaimServer : ICollectionFixture<ClaimServer>
{
    public const string Name = "shared claim server";
}

/// <summary>The cluster without a gateway, for the drop and journal classes (a restart here disturbs no one).</summary>
[CollectionDefinition(Name)]
public sealed class SharedDropCluster : ICollectionFixture<DropCluster>
{
    public const string Name = "shared drop cluster";
}
