using System.ComponentModel;

namespace MicroEvents.Fulfilment;

/// <summary>What a mint of a merch-bearing drop asks of its order: hold one unit of each SKU for the token.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderRequest(
    [property: Id(0)] string DropId,
    [property: Id(1)] long TokenNumber,
    [property: Id(2)] string ClaimId,
    [property: Id(3)] string Wallet,
    [property: Id(4)] string? Tier,
    [property: Id(5)] IReadOnlyList<string> Skus,
    [property: Id(6)] DateTimeOffset MintedAt);

/// <summary>The claimant's choices: a variant per SKU and where to ship.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderDetails(
    [property: Id(0)] IReadOnlyList<VariantChoice> Variants,
    [property: Id(1)] ShippingAddress Address);

[GenerateSerializer, Immutable]
public sealed record VariantChoice(
    [property: Id(0), Description("The SKU.")] string Sku,
    [property: Id(1), Description("The variant chosen.")] string Variant);

[GenerateSerializer, Immutable]
public sealed record ShippingAddress(
    [property: Id(0)] string Name,
    [property: Id(1)] string Line1,
    [property: Id(2)] string? Line2,
    [property: Id(3)] string City,
    [property: Id(4)] string? Region,
    [property: Id(5)] string PostalCode,
    [property: Id(6)] string Country);

/// <summary>A status report from the partner; <see cref="EventId"/> makes a repeated callback count once.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Carrier,
    [property: Id(3)] string? TrackingNumber,
    [property: Id(4)] string? Reason,
    [property: Id(5)] bool? Restock,
    [property: Id(6)] DateTimeOffset At);

/// <summary>One line of an order: a SKU and the variant chosen (none until the claimant chooses).</summary>
[GenerateSerializer, Immutable]
public sealed record OrderLine([property: Id(0)] string Sku, [property: Id(1)] string? Variant);

/// <summary>An order as claimants and operators see it; never the address or the wallet.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string DropId,
    [property: Id(2)] long TokenNumber,
    [property: Id(3)] string Status,
    [property: Id(4)] string? Shortcode,
    [property: Id(5)] IReadOnlyList<OrderLine> Lines,
    [property: Id(6)] DateTimeOffset? DetailsDue,
    [property: Id(7)] string? PartnerOrderId,
    [property: Id(8)] int Attempts,
    [property: Id(9)] string? LastError,
    [property: Id(10)] string? Carrier,
    [property: Id(11)] string? TrackingNumber,
    [property: Id(12)] DateTimeOffset? DeliveredAt,
    [property: Id(13)] DateTimeOffset? ReturnDue,
    [property: Id(14)] string? ReturnOutcome,
    [property: Id(15)] string? UnmappedReason);
