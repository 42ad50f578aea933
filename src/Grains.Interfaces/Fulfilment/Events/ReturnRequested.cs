using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The claimant asked to return the item within the return window.")]
[GenerateSerializer, Immutable, EventAlias("order.return_requested.v1")]
public sealed record ReturnRequested(
    [property: Id(0), Description("The claimant's reason.")] string Reason,
    [property: Id(1), Description("When.")] DateTimeOffset At) : OrderEvent;
