namespace MicroEvents.Projections;

/// <summary>One creator on the leaderboard: distinct wallets that claimed from any of their drops.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatorStanding(
    [property: Id(0)] string Creator,
    [property: Id(1)] long Wallets,
    [property: Id(2)] long Drops,
    [property: Id(3)] long Tokens);

/// <summary>The leaderboard, most wallets first, and the global event sequence it reflects.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatorLeaderboard(
    [property: Id(0)] IReadOnlyList<CreatorStanding> Creators,
    [property: Id(1)] long Position);
