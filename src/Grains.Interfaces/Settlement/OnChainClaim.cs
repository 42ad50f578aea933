using MicroEvents.Claims;
using MicroEvents.Receipts;

namespace MicroEvents.Settlement;

/// <summary>
/// Everything a holder's wallet needs to mint a claim's token itself: the contract and chain, the token id, the
/// receipt (leaf, Merkle proof, root) and, after a custodial hand-off, the custody account's EIP-712 hand-off to
/// <see cref="HandOffTo"/> for the contract's <c>claimHandedOff</c>. Without a hand-off (a self-custody claim) the
/// holder calls <c>claim(receipt, root, proof, to)</c> from its own wallet.
/// <see cref="Action"/> says plainly whether the holder should send anything (<see cref="OnChainActions"/>): while
/// settlement delivers the hand-off itself (<see cref="Delivery"/> queued or submitted) the hand-off is withheld, since
/// a transaction of the holder's own would race it and revert with its gas spent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OnChainClaim(
    [property: Id(0)] string DropId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] long ChainId,
    [property: Id(3)] string Contract,
    [property: Id(4)] string TokenId,
    [property: Id(5)] Custody Custody,
    [property: Id(6)] ReceiptView Receipt,
    [property: Id(7)] string LeafHash,
    [property: Id(8)] bool Anchored,
    [property: Id(9)] string? AnchorTxHash,
    [property: Id(10)] string? HandOffTo,
    [property: Id(11)] string? HandOff,
    [property: Id(12)] string? HandOffSignedBy,
    [property: Id(13)] string Action = OnChainActions.SendClaim,
    [property: Id(14)] OnChainDelivery? Delivery = null);

/// <summary>Settlement's own delivery of a hand-off, as the holder sees it: <see cref="AnchorStates"/> queued, submitted, delivered or failed.</summary>
[GenerateSerializer, Immutable]
public sealed record OnChainDelivery(
    [property: Id(0)] string State,
    [property: Id(1)] string? TxHash,
    [property: Id(2)] long? Block,
    [property: Id(3)] string? FailureReason);

/// <summary>What the holder of a claim should do on chain now, in <see cref="OnChainClaim.Action"/>.</summary>
public static class OnChainActions
{
    /// <summary>A self-custody token: the holder's wallet calls <c>claim</c> with the receipt.</summary>
    public const string SendClaim = "send-claim";

    /// <summary>A handed-off token settlement does not deliver (delivery off, or its delivery failed): the wallet calls <c>claimHandedOff</c> with <see cref="OnChainClaim.HandOff"/>.</summary>
    public const string SendClaimHandedOff = "send-claimHandedOff";

    /// <summary>Settlement is minting the handed-off token to the wallet: send nothing, it would revert.</summary>
    public const string NoneDeliveryQueued = "none-delivery-queued";

    /// <summary>The token is minted on chain to the wallet already.</summary>
    public const string AlreadyMinted = "already-minted";
}
