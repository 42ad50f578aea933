namespace MicroEvents.Gateway.Claims;

/// <summary>Ask for a claim challenge: the wallet that will sign it (and receive the token).</summary>
public sealed record ChallengeRequest(string? Wallet);
