using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

[Description("A node's offline voucher was redeemed from its reserved quota; the token.minted event beside it carries the token.")]
[GenerateSerializer, Immutable, EventAlias("drop.voucher_redeemed.v1")]
public sealed record VoucherRedeemed(
    [property: Id(0), Description("The node whose quota it used.")] string NodeId,
    [property: Id(1), Description("The node's voucher id.")] string VoucherId,
    [property: Id(2), Description("The node's sequence number for the voucher.")] long Sequence,
    [property: Id(3), Description("The token minted for it.")] long TokenNumber,
    [property: Id(4), Description("When.")] DateTimeOffset At) : DropEvent;
