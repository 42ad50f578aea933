namespace MicroEvents.Venues;

/// <summary>An operator registers a node: its venue, a label for people, and the address of its first signing key.</summary>
[GenerateSerializer, Immutable]
public sealed record RegisterNode(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Venue,
    [property: Id(2)] string Label,
    [property: Id(3)] string KeyAddress);

/// <summary>What a node reports every heartbeat: its measured round-trip time to the gateway, clock offset, queue and version.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeHeartbeat(
    [property: Id(0)] int RttMs,
    [property: Id(1)] int ClockOffsetMs,
    [property: Id(2)] int QueueDepth,
    [property: Id(3)] string AppVersion);

/// <summary>The node presents its next key's address, signed (EIP-191) by its current key: a chain of custody.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyRotation(
    [property: Id(0)] string NewAddress,
    [property: Id(1)] string Signature);

/// <summary>An operator revokes a key (a lost kiosk) from <see cref="EffectiveAt"/> (default: now).</summary>
[GenerateSerializer, Immutable]
public sealed record KeyRevocation(
    [property: Id(0)] string Address,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset? EffectiveAt);

/// <summary>An operator reserves <see cref="Tokens"/> of a drop for a node; <see cref="AllocationId"/> makes a retry safe.</summary>
[GenerateSerializer, Immutable]
public sealed record QuotaRequest(
    [property: Id(0)] string DropId,
    [property: Id(1)] long Tokens,
    [property: Id(2)] string AllocationId);

/// <summary>The node hands back <see cref="Tokens"/> of its unredeemed quota of a drop (all of it when null).</summary>
[GenerateSerializer, Immutable]
public sealed record QuotaReturn(
    [property: Id(0)] string DropId,
    [property: Id(1)] long? Tokens);
