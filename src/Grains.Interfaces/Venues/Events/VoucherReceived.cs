using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node uploaded a voucher it issued offline; it waits for reconciliation. The same voucher uploaded again is not recorded twice.")]
[GenerateSerializer, Immutable, EventAlias("node.voucher_received.v1")]
public sealed record VoucherReceived(
    [property: Id(0), Description("The node's id for the voucher.")] string VoucherId,
    [property: Id(1), Description("The drop it is for.")] string DropId,
    [property: Id(2), Description("The node named in the voucher.")] string NodeId,
    [property: Id(3), Description("The node's sequence number for the drop, from 1.")] long Sequence,
    [property: Id(4), Description("The claimant's wallet, EIP-55 checksummed; none when named by email hash.")] string? Wallet,
    [property: Id(5), Description("SHA-256 (hex) of the claimant's normalised email; none when named by wallet.")] string? EmailHash,
    [property: Id(6), Description("When the node says it issued it.")] DateTimeOffset IssuedAt,
    [property: Id(7), Description("When it stops being redeemable.")] DateTimeOffset ExpiresAt,
    [property: Id(8), Description("The node key's EIP-191 signature over the voucher text.")] string Signature,
    [property: Id(9), Description("The address the signature recovers to; none when it recovers to nothing.")] string? Signer,
    [property: Id(10), Description("SHA-256 (hex) of the voucher text and signature: its identity for idempotent uploads.")] string Digest,
    [property: Id(11), Description("When it was uploaded.")] DateTimeOffset ReceivedAt) : NodeEvent;
