namespace MicroEvents.Access;

/// <summary>
/// An authenticated caller: an API key's role and label, or a signed-in creator's wallet.
/// Never carries the credential itself.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Caller(
    [property: Id(0)] AccessRole Role,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Wallet,
    [property: Id(3)] DateTimeOffset? ExpiresAt,
    [property: Id(4)] string? KeyId = null);
