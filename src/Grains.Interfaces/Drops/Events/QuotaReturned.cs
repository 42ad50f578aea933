using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("Reserved tokens a node did not redeem went back to supply (the node returned them, or the drop closed).")]
[GenerateSerializer, Immutable, EventAlias("drop.quota_returned.v1")]
public sealed record QuotaReturned(
    [property: Id(0), Description("The node that held them.")] string NodeId,
    [property: Id(1), Description("Tokens returned to supply.")] long Tokens,
    [property: Id(2), Description("node-returned or drop-closed.")] string Reason,
    [property: Id(3), Description("When.")] DateTimeOffset At) : DropEvent;
