using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("An operator set which SKUs the drop's tokens carry, for mints from now on.")]
[GenerateSerializer, Immutable, EventAlias("merch.merch_mapped.v1")]
public sealed record MerchMapped(
    [property: Id(0), Description("SKUs every token carries (unless its tier has a list of its own).")] IReadOnlyList<string> Skus,
    [property: Id(1), Description("Per-tier SKU lists.")] IReadOnlyList<TierMerch> Tiers,
    [property: Id(2), Description("When; mints at or after it carry this mapping.")] DateTimeOffset At) : MerchEvent;
