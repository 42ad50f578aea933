using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("An operator sent a dead-lettered order to the partner again.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_retried.v1")]
public sealed record FulfilmentRetried(
    [property: Id(0), Description("When.")] DateTimeOffset At) : OrderEvent;
