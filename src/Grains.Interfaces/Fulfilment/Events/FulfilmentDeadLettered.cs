using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("Every attempt to send the request failed; the order waits for an operator.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_dead_lettered.v1")]
public sealed record FulfilmentDeadLettered(
    [property: Id(0), Description("HTTP attempts made.")] int Attempts,
    [property: Id(1), Description("The last failure.")] string LastError,
    [property: Id(2), Description("When.")] DateTimeOffset At) : OrderEvent;
