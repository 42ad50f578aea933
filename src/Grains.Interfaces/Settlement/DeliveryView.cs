namespace MicroEvents.Settlement;

/// <summary>
/// One custodial hand-off delivered on chain by settlement: <see cref="AnchorStates"/> queued → submitted → delivered
/// (minted to <see cref="Wallet"/>, or found already minted) or failed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryView(
    [property: Id(0)] string DropId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] string Wallet,
    [property: Id(3)] string State,
    [property: Id(4)] long? Nonce,
    [property: Id(5)] string? TxHash,
    [property: Id(6)] long? Block,
    [property: Id(7)] string? FailureReason);

/// <summary>A custodial token handed off to a wallet, to mint there on chain.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryRequest(
    [property: Id(0)] string DropId,
    [property: Id(1)] string ClaimId,
    [property: Id(2)] string Wallet);
