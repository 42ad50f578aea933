using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("Reconciliation refused the voucher, with the reason and what the attendee is owed (waitlist position or refund), if anything.")]
[GenerateSerializer, Immutable, EventAlias("node.voucher_rejected.v1")]
public sealed record VoucherRejected(
    [property: Id(0), Description("The voucher.")] string VoucherId,
    [property: Id(1), Description("Its digest.")] string Digest,
    [property: Id(2), Description("The drop.")] string DropId,
    [property: Id(3), Description("Its sequence number.")] long Sequence,
    [property: Id(4), Description("bad-signature, wrong-node, key-not-active, key-revoked, expired, duplicate-voucher, duplicate-sequence, beyond-quota, wallet-limit-reached or no-quota-held.")] string Reason,
    [property: Id(5), Description("waitlist, refund, or none (a forged voucher is owed nothing).")] string Remedy,
    [property: Id(6), Description("Place on the drop's waitlist among this node's rejected vouchers, for remedy waitlist.")] int? WaitlistPosition,
    [property: Id(7), Description("When.")] DateTimeOffset At) : NodeEvent;
