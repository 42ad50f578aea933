using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment.Events;

[Description("Which tokens became fulfilment orders and which could not (for the mapping success rate).")]
[GenerateSerializer, Immutable, EventAlias("merch.mints_recorded.v1")]
public sealed record MintsRecorded(
    [property: Id(0), Description("Tokens that have an order now.")] IReadOnlyList<long> Ordered,
    [property: Id(1), Description("Tokens that should have one and do not, with why.")] IReadOnlyList<UnmappedToken> Unmapped,
    [property: Id(2), Description("When.")] DateTimeOffset At) : MerchEvent;
