using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("Tokens were reserved from supply for a venue node's offline vouchers; online claims can no longer take them.")]
[GenerateSerializer, Immutable, EventAlias("drop.quota_allocated.v1")]
public sealed record QuotaAllocated(
    [property: Id(0), Description("The node holding the quota.")] string NodeId,
    [property: Id(1), Description("The operator's id for this allocation (a retry reuses it).")] string AllocationId,
    [property: Id(2), Description("Tokens reserved (a top-up adds to earlier allocations).")] long Tokens,
    [property: Id(3), Description("When.")] DateTimeOffset At) : DropEvent;
