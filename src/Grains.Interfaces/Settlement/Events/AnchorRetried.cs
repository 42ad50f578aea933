using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("An operator re-queued a failed anchor; it is sent again with the next free nonce.")]
[GenerateSerializer, Immutable, EventAlias("settlement.anchor_retried.v1")]
public sealed record AnchorRetried(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The root to anchor again, hex.")] string Root,
    [property: Id(2), Description("Why it had failed.")] string FailureReason,
    [property: Id(3), Description("When it was re-queued.")] DateTimeOffset RetriedAt) : SettlementEvent;
