namespace MicroEvents.Venues;

/// <summary>The node actor's answer to a signed request whose signature the gateway has recovered.</summary>
public enum NodeRequestVerdict
{
    Accepted,
    /// <summary>No such node, or the signer is not one of its keys.</summary>
    NotNodeKey,
    /// <summary>The signer is one of the node's keys, superseded by a rotation.</summary>
    KeyRotatedOut,
    /// <summary>The signer is one of the node's keys, revoked.</summary>
    KeyRevoked,
    /// <summary>The node already used this nonce within the replay window.</summary>
    NonceReused,
}

/// <summary>
/// A signed node request as the node actor checks it: who signed it, its nonce, and until when the nonce must be
/// remembered (its timestamp plus the replay window; after that the gateway refuses the timestamp anyway).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeRequestSeal(
    [property: Id(0)] string Signer,
    [property: Id(1)] string Nonce,
    [property: Id(2)] DateTimeOffset RememberUntil);
