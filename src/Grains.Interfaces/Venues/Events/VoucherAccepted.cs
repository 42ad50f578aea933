using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("Reconciliation redeemed the voucher: a token was minted from the node's reserved quota (drop.voucher_redeemed.v1).")]
[GenerateSerializer, Immutable, EventAlias("node.voucher_accepted.v1")]
public sealed record VoucherAccepted(
    [property: Id(0), Description("The voucher.")] string VoucherId,
    [property: Id(1), Description("Its digest (which upload of that id won).")] string Digest,
    [property: Id(2), Description("The drop.")] string DropId,
    [property: Id(3), Description("The token number minted.")] long TokenNumber,
    [property: Id(4), Description("When.")] DateTimeOffset At) : NodeEvent;
