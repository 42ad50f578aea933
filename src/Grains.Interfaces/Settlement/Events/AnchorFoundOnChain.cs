using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("Before sending (again), the contract already held the root, so nothing was sent.")]
[GenerateSerializer, Immutable, EventAlias("settlement.anchor_found_on_chain.v1")]
public sealed record AnchorFoundOnChain(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The root the contract already holds, hex.")] string Root,
    [property: Id(2), Description("When it was found.")] DateTimeOffset FoundAt) : SettlementEvent;
