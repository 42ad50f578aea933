namespace MicroEvents.Drops;

[GenerateSerializer, Immutable]
public sealed record ClaimReceipt(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string DropId,
    [property: Id(2)] long TokenNumber,
    [property: Id(3)] string Wallet,
    [property: Id(4)] string? Tier,
    [property: Id(5)] DateTimeOffset ClaimedAt,
    [property: Id(6), System.ComponentModel.Description("The manifest the token was minted under: the drop's primary hash, or its fallback's after a contingency switch.")] string? ManifestHash = null);

/// <summary>A receipt and whether it was minted by this call or replayed from an earlier one.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimOutcome([property: Id(0)] ClaimReceipt Receipt, [property: Id(1)] bool Replayed);
