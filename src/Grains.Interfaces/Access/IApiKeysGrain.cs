namespace MicroEvents.Access;

/// <summary>
/// Looks API keys up by their SHA-256 hash (the key itself never leaves the gateway). Keys are made,
/// listed and revoked with the silo's <c>keys</c> CLI verbs.
/// </summary>
public interface IApiKeysGrain : IGrainWithIntegerKey
{
    /// <summary>The key's caller, or null when no live (unexpired, unrevoked) key has this hash.</summary>
    Task<Caller?> Verify(string keyHash);
}
