using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node was given a quota of a drop (the drop reserved it: drop.quota_allocated.v1); it serves that drop from now on.")]
[GenerateSerializer, Immutable, EventAlias("node.quota_allocated.v1")]
public sealed record NodeQuotaAllocated(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The operator's id for this allocation (a retry reuses it).")] string AllocationId,
    [property: Id(2), Description("Tokens reserved by this allocation.")] long Tokens,
    [property: Id(3), Description("When.")] DateTimeOffset At) : NodeEvent;
