using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The partner reported on the order while its id was unknown (no request of ours is pending): the partner-submissions feed asks the partner which order it holds under the order's idempotency key.")]
[GenerateSerializer, Immutable, EventAlias("order.partner_lookup_requested.v1")]
public sealed record PartnerLookupRequested(
    [property: Id(0), Description("Why: callback (a partner report came first), retry (the order's check asked again after a failed lookup).")] string Reason,
    [property: Id(1), Description("When.")] DateTimeOffset At) : OrderEvent;
