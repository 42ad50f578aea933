using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("A sealed batch root of a drop is waiting to be anchored on chain.")]
[GenerateSerializer, Immutable, EventAlias("settlement.anchor_queued.v1")]
public sealed record AnchorQueued(
    [property: Id(0), Description("The drop whose batch was sealed.")] string DropId,
    [property: Id(1), Description("The batch's Merkle root, hex.")] string Root,
    [property: Id(2), Description("First token number in the batch.")] long FirstToken,
    [property: Id(3), Description("Last token number in the batch.")] long LastToken,
    [property: Id(4), Description("When it was queued.")] DateTimeOffset QueuedAt) : SettlementEvent;
