namespace MicroEvents.Access;

/// <summary>
/// Operators' control of creator tokens: revoke a creator's tokens (by wallet or token id) and rotate the
/// key that signs them. Gateways keep a verified caller for a few seconds, so a change reaches a gateway
/// that verified the token just before within that time.
/// </summary>
public interface ICreatorTokensGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Revokes every token issued to <paramref name="wallet"/> up to now, or the one token <paramref name="tokenId"/>
    /// (its <c>jti</c>); exactly one of them. <paramref name="by"/> is recorded (see <see cref="Actor"/>).
    /// </summary>
    Task<CreatorTokenRevocation> Revoke(string? wallet, string? tokenId, string? reason, string by);

    /// <summary>
    /// New tokens are signed with a new key; tokens of the old key are accepted for <paramref name="overlap"/> more
    /// (zero: refused now; null: a token's lifetime, so every old token expires first).
    /// </summary>
    Task<TokenKeyRotation> RotateSigningKey(TimeSpan? overlap, string by);
}

/// <summary>A revocation: <c>wallet:&lt;address&gt;</c> or <c>token:&lt;id&gt;</c>, when, why and by whom.</summary>
[GenerateSerializer, Immutable]
public sealed record CreatorTokenRevocation(
    [property: Id(0)] string Subject,
    [property: Id(1)] DateTimeOffset RevokedAt,
    [property: Id(2)] string Reason,
    [property: Id(3)] string By);

/// <summary>A rotation: the new key's id, when, until when tokens of the previous key are still accepted, and by whom.</summary>
[GenerateSerializer, Immutable]
public sealed record TokenKeyRotation(
    [property: Id(0)] string KeyId,
    [property: Id(1)] DateTimeOffset RotatedAt,
    [property: Id(2)] DateTimeOffset PreviousAcceptedUntil,
    [property: Id(3)] string By);
