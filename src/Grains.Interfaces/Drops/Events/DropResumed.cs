using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("The creator resumed a paused drop; claims are accepted again.")]
[GenerateSerializer, Immutable, EventAlias("drop.resumed.v1")]
public sealed record DropResumed([property: Id(0), Description("When it was resumed.")] DateTimeOffset At,
    [property: Id(1), Description("Who: key:<id> for an API key, the creator's wallet, system or cli; absent on events stored before callers were recorded.")] string? By = null) : DropEvent;
