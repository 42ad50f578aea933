namespace MicroEvents.Drops;

/// <summary>
/// One voucher the node actor found valid, to be minted from the node's reserved quota. A custodial mint
/// (claimant named by email hash) goes to the custodian's wallet and is not held to the per-wallet limit;
/// <see cref="Custodian"/> is then the custody account holding it on chain (the receipt leaf's holder), as for
/// custodial claims, or none when settlement is off (the wallet, the drop's signing key, holds it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VoucherMint(
    [property: Id(0)] string VoucherId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Wallet,
    [property: Id(3)] bool Custodial,
    [property: Id(4)] string? Custodian = null);

/// <summary>The token a voucher minted (also for a retry), or why the drop refused it.</summary>
[GenerateSerializer, Immutable]
public sealed record VoucherMintResult(
    [property: Id(0)] string VoucherId,
    [property: Id(1)] long? TokenNumber,
    [property: Id(2)] string? Reason);
