namespace MicroEvents.Access;

/// <summary>
/// Sign-In with Ethereum (EIP-4361) for creators: a single-use nonce, the wallet's EIP-191 signature of
/// the standard message, and in return a short-lived bearer token for that wallet's creator role.
/// </summary>
public interface ICreatorSignInGrain : IGrainWithIntegerKey
{
    Task<string> IssueNonce();

    /// <summary>Verifies the signed message is addressed to <paramref name="audience"/>; throws <c>unauthorized</c> otherwise.</summary>
    Task<CreatorSession> SignIn(string message, string signature, SiweAudience audience);

    /// <summary>The creator a token was issued to, or null when it is forged, altered or expired.</summary>
    Task<Caller?> Verify(string token);
}

[GenerateSerializer, Immutable]
public sealed record CreatorSession(
    [property: Id(0)] string Token,
    [property: Id(1)] string Wallet,
    [property: Id(2)] DateTimeOffset ExpiresAt)
{
    // Orleans' message tracing prints responses with ToString: the token must not be in it.
    public override string ToString() => $"CreatorSession {{ Wallet = {Wallet}, ExpiresAt = {ExpiresAt:O} }}";
}
