using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("The shortcode now names this order.")]
[GenerateSerializer, Immutable, EventAlias("shortcode.shortcode_assigned.v1")]
public sealed record ShortcodeAssigned(
    [property: Id(0), Description("The order (drop/token).")] string OrderId,
    [property: Id(1), Description("When.")] DateTimeOffset At) : ShortcodeEvent;
