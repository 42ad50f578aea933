using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The partner reported progress (accepted, picked, packed, shipped, delivered, exception, returned); reports that would move the order backwards are not recorded.")]
[GenerateSerializer, Immutable, EventAlias("order.partner_status_reported.v1")]
public sealed record PartnerStatusReported(
    [property: Id(0), Description("The partner's callback id; a repeat counts once.")] string EventId,
    [property: Id(1), Description("The status reported.")] string Status,
    [property: Id(2), Description("Carrier, when shipped.")] string? Carrier,
    [property: Id(3), Description("Tracking number, when shipped.")] string? TrackingNumber,
    [property: Id(4), Description("The partner's reason (exceptions, write-offs).")] string? Reason,
    [property: Id(5), Description("For a returned item: true restocked, false written off.")] bool? Restock,
    [property: Id(6), Description("When it happened at the partner.")] DateTimeOffset At) : OrderEvent;
