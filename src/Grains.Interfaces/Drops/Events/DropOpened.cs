using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[GenerateSerializer, Immutable, EventAlias("drop.opened.v1")]
public sealed record DropOpened([property: Id(0)] DateTimeOffset At) : DropEvent;
