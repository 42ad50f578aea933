using MicroEvents.Fulfilment;

namespace MicroEvents.Gateway.Fulfilment;

public sealed record MerchRequest(List<string>? Skus, List<TierMerchRequest>? Tiers);

public sealed record TierMerchRequest(string? Tier, List<string>? Skus);

/// <summary>Variants and address, signed (EIP-191) by the token's wallet over <c>OrderMessages.Details</c>.</summary>
public sealed record DetailsRequest(List<VariantChoiceRequest>? Variants, AddressRequest? Address, string? Signature);

public sealed record VariantChoiceRequest(string? Sku, string? Variant);

public sealed record AddressRequest(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public ShippingAddress ToAddress() => new(Name ?? "", Line1 ?? "", Line2, City ?? "", Region, PostalCode ?? "", Country ?? "");
}

public sealed record ContactRequest(string? Email, string? Signature);

public sealed record ReturnRequest(string? Reason, string? Signature);

/// <summary>A partner's status callback (signed with the shared secret; see <see cref="CallbackSignature"/>).</summary>
public sealed record PartnerCallback(string? EventId, string? OrderId, string? Status, string? Carrier, string? TrackingNumber, string? Reason,
    bool? Restock, DateTimeOffset? At);

/// <summary>What a picker sees for a shortcode.</summary>
public sealed record ShortcodeView(string Code, string OrderId, string DropId, long TokenNumber, string Status, IReadOnlyList<OrderLine> Lines);
