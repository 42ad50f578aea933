using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[GenerateSerializer, Immutable, EventAlias("drop.paused.v1")]
public sealed record DropPaused([property: Id(0)] DateTimeOffset At) : DropEvent;
