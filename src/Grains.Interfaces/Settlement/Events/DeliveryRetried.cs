using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("An operator re-queued a failed hand-off delivery; it is sent again with the next free nonce.")]
[GenerateSerializer, Immutable, EventAlias("settlement.delivery_retried.v1")]
public sealed record DeliveryRetried(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The claim whose token to deliver again.")] string ClaimId,
    [property: Id(2), Description("Why it had failed.")] string FailureReason,
    [property: Id(3), Description("When it was re-queued.")] DateTimeOffset RetriedAt) : SettlementEvent;
