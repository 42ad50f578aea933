namespace MicroEvents.Claims;

/// <summary>
/// The account that holds custodial tokens on chain: the settlement signer, or none when settlement is off (the
/// receipt leaf then names the ephemeral key, and only that key can hand the token off on chain). A custodial
/// mint names it as the leaf's holder, so the contract lets it hand off exactly the tokens it holds and no wallet's.
/// </summary>
public sealed record CustodyAccount(string? Address);
