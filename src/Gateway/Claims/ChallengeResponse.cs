namespace MicroEvents.Gateway.Claims;

/// <summary>
/// A challenge to sign. <see cref="ClaimId"/> equals <see cref="Nonce"/>: the signed claim can only ever be
/// this one claim of this one kind, so replaying it returns the original receipt.
/// </summary>
public sealed record ChallengeResponse(string ClaimId, string Nonce, long Expiry, DateTimeOffset ExpiresAt, TypedDataView TypedData, string Kind = "self-custody");
