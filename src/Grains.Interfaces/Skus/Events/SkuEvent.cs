using System.ComponentModel;

namespace MicroEvents.Skus.Events;

/// <summary>Everything that happens to one SKU's stock; the analysts' schema for <c>sku/{id}</c>.</summary>
[Description("Everything that happens to one SKU's physical stock (stream sku/{id}): definition, arrivals, corrections, reservations for fulfilment orders, releases and shipments.")]
[GenerateSerializer, Immutable]
public abstract record SkuEvent;
