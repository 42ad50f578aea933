using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The partner took the fulfilment request.")]
[GenerateSerializer, Immutable, EventAlias("order.fulfilment_submitted.v1")]
public sealed record FulfilmentSubmitted(
    [property: Id(0), Description("The partner's id for the order.")] string PartnerOrderId,
    [property: Id(1), Description("HTTP attempts it took.")] int Attempts,
    [property: Id(2), Description("When.")] DateTimeOffset At) : OrderEvent;
