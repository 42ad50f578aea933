namespace MicroEvents.Access;

/// <summary>An API key as operators see it: what identifies and limits it, never the key (only its hash is stored).</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Role,
    [property: Id(2)] string Label,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? ExpiresAt,
    [property: Id(6)] DateTimeOffset? RevokedAt,
    [property: Id(7)] string? CreatedBy,
    [property: Id(8)] string? RevokedBy)
{
    public const string Live = "live", Expired = "expired", Revoked = "revoked";
}

/// <summary>A key just made: <see cref="Key"/> is its only copy, shown once.</summary>
[GenerateSerializer, Immutable]
public sealed record NewApiKey([property: Id(0)] string Key, [property: Id(1)] ApiKeyView Details);

public static class AccessRejectionCodes
{
    public const string ApiKeyNotFound = "api-key-not-found";

    public static IEnumerable<KeyValuePair<string, int>> Statuses => [new(ApiKeyNotFound, 404)];
}
