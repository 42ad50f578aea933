using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("The creator paused claiming; claims are refused until the drop is resumed.")]
[GenerateSerializer, Immutable, EventAlias("drop.paused.v1")]
public sealed record DropPaused([property: Id(0), Description("When it was paused.")] DateTimeOffset At,
    [property: Id(1), Description("Who: key:<id> for an API key, the creator's wallet, system or cli; absent on events stored before callers were recorded.")] string? By = null) : DropEvent;
