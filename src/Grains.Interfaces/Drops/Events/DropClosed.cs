using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("The creator closed the drop for good; no further claims or lifecycle changes.")]
[GenerateSerializer, Immutable, EventAlias("drop.closed.v1")]
public sealed record DropClosed([property: Id(0), Description("When it was closed.")] DateTimeOffset At,
    [property: Id(1), Description("Who: key:<id> for an API key, the creator's wallet, system or cli; absent on events stored before callers were recorded.")] string? By = null) : DropEvent;
