using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("Asking the partner for the order by its idempotency key found nothing or failed, although the partner has reported on it: no dead letter (the partner has the order); the order's check asks again later, a bounded number of times.")]
[GenerateSerializer, Immutable, EventAlias("order.partner_lookup_failed.v1")]
public sealed record PartnerLookupFailed(
    [property: Id(0), Description("What the partner answered, or what failed.")] string Error,
    [property: Id(1), Description("When.")] DateTimeOffset At) : OrderEvent;
