namespace MicroEvents.Settlement;

/// <summary>What settlement is doing: the contract, whether it is paused (and why), and every anchor it knows.</summary>
[GenerateSerializer, Immutable]
public sealed record SettlementStatus(
    [property: Id(0)] long ChainId,
    [property: Id(1)] string Signer,
    [property: Id(2)] string? Contract,
    [property: Id(3)] bool Paused,
    [property: Id(4)] string? PauseReason,
    [property: Id(5)] IReadOnlyList<AnchorView> Anchors,
    [property: Id(6)] IReadOnlyList<DeliveryView> Deliveries);

/// <summary>
/// One root's settlement: <see cref="AnchorStates"/> queued → submitted → anchored (or failed). Block and
/// transaction are those of the confirmed anchor; while submitted, <see cref="TxHash"/> is the latest sent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AnchorView(
    [property: Id(0)] string DropId,
    [property: Id(1)] string Root,
    [property: Id(2)] long FirstToken,
    [property: Id(3)] long LastToken,
    [property: Id(4)] string State,
    [property: Id(5)] long? Nonce,
    [property: Id(6)] string? TxHash,
    [property: Id(7)] long? Block,
    [property: Id(8)] string? BlockHash,
    [property: Id(9)] string? FailureReason);

public static class AnchorStates
{
    public const string Queued = "queued";
    public const string Submitted = "submitted";
    public const string Anchored = "anchored";
    public const string Failed = "failed";

    /// <summary>A hand-off delivery's end: the token is minted to the wallet (by settlement, or found minted).</summary>
    public const string Delivered = "delivered";
}
