using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("The creator opened a draft drop; claims are accepted from now on (within the claim window).")]
[GenerateSerializer, Immutable, EventAlias("drop.opened.v1")]
public sealed record DropOpened([property: Id(0), Description("When it was opened.")] DateTimeOffset At,
    [property: Id(1), Description("Who: key:<id> for an API key, the creator's wallet, system or cli; absent on events stored before callers were recorded.")] string? By = null) : DropEvent;
