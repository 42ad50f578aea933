using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[GenerateSerializer, Immutable, EventAlias("drop.closed.v1")]
public sealed record DropClosed([property: Id(0)] DateTimeOffset At) : DropEvent;
