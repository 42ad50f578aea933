using System.ComponentModel;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Which SKUs a drop's tokens carry: <see cref="Skus"/> for every token, or per tier in <see cref="Tiers"/>
/// (a tier listed there uses its own list instead). An empty mapping makes the drop plain again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MerchMapping(
    [property: Id(0)] IReadOnlyList<string> Skus,
    [property: Id(1)] IReadOnlyList<TierMerch> Tiers);

[GenerateSerializer, Immutable]
public sealed record TierMerch(
    [property: Id(0), Description("The tier's name.")] string Tier,
    [property: Id(1), Description("SKUs a token of this tier carries.")] IReadOnlyList<string> Skus);

/// <summary>A token that should have become a fulfilment order and did not, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record UnmappedToken(
    [property: Id(0), Description("The token number.")] long TokenNumber,
    [property: Id(1), Description("Why it has no order (out-of-stock: sku…).")] string Reason);

/// <summary>A drop's merch as operators see it, with the mapping success rate (orders ÷ tokens that should have had one).</summary>
[GenerateSerializer, Immutable]
public sealed record MerchView(
    [property: Id(0)] string DropId,
    [property: Id(1)] MerchMapping? Mapping,
    [property: Id(2)] DateTimeOffset? MappedAt,
    [property: Id(3)] long Orders,
    [property: Id(4)] long ShouldHave,
    [property: Id(5)] double? SuccessRate,
    [property: Id(6)] IReadOnlyList<UnmappedToken> Unmapped);
