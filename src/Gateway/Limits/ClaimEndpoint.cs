namespace MicroEvents.Gateway.Limits;

/// <summary>
/// Marks an endpoint that takes a claim (its body an <see cref="IClaimBody"/>): a client that gets no answer retries it
/// with the same claim id, so its 503 says so; other endpoints' 503s say what is unavailable instead.
/// </summary>
public sealed class ClaimEndpoint;
