using MicroEvents.Receipts;

namespace MicroEvents.Settlement;

/// <summary>
/// Everything a holder's wallet needs to mint a claim's token itself: the contract and chain, the token id, the
/// receipt (leaf, Merkle proof, root) and, after a custodial hand-off, the custody account's EIP-712 hand-off to
/// <see cref="HandOffTo"/> for the contract's <c>claimHandedOff</c>. Without a hand-off (a self-custody claim) the
/// holder calls <c>claim(receipt, root, proof, to)</c> from its own wallet.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OnChainClaim(
    [property: Id(0)] string DropId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] long ChainId,
    [property: Id(3)] string Contract,
    [property: Id(4)] string TokenId,
    [property: Id(5)] string Custody,
    [property: Id(6)] ReceiptView Receipt,
    [property: Id(7)] string LeafHash,
    [property: Id(8)] bool Anchored,
    [property: Id(9)] string? AnchorTxHash,
    [property: Id(10)] string? HandOffTo,
    [property: Id(11)] string? HandOff,
    [property: Id(12)] string? HandOffSignedBy);
