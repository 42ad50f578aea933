using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The order ended without shipping; its held stock went back.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_cancelled.v1")]
public sealed record FulfilmentCancelled(
    [property: Id(0), Description("Why (details-deadline…).")] string Reason,
    [property: Id(1), Description("When.")] DateTimeOffset At) : OrderEvent;
