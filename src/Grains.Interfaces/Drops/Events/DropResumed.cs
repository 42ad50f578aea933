using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[GenerateSerializer, Immutable, EventAlias("drop.resumed.v1")]
public sealed record DropResumed([property: Id(0)] DateTimeOffset At) : DropEvent;
