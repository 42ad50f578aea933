namespace MicroEvents.Venues;

/// <summary>
/// The voucher copy that minted a voucher claim's token: who it names (a wallet, or the SHA-256 of an email) and
/// the token. What a claim actor needs to let an email-hash voucher's holder claim the token out of the drop's custody.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RedeemedVoucher(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string VoucherId,
    [property: Id(2)] string DropId,
    [property: Id(3)] string? Wallet,
    [property: Id(4)] string? EmailHash,
    [property: Id(5)] long TokenNumber);
