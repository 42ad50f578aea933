namespace MicroEvents.Access;

/// <summary>
/// Who a Sign-In with Ethereum message must be addressed to: this API's domain (RFC 3986 authority), the
/// origin its URI must point into, and the chain. All three come from configuration, never from the request:
/// a phishing site must not turn a victim's signature for itself into a session here.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SiweAudience(
    [property: Id(0)] string Domain,
    [property: Id(1)] string Uri,
    [property: Id(2)] long ChainId);
