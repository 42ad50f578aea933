using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// A venue voucher that named its claimant by email hash minted into the drop's custody; the claimant proved the email
/// (its SHA-256 equals the voucher's) and may now hand the token off with the code mailed to it.
/// </summary>
[Description("The claimant of an email-hash venue voucher proved their email (its SHA-256 equals the voucher's): the token the voucher minted into the drop's custody can be handed off with a mailed code.")]
[GenerateSerializer, Immutable, EventAlias("claim.voucher_custody_opened.v1")]
public sealed record VoucherCustodyOpened(
    [property: Id(0), Description("The node that issued the voucher.")] string NodeId,
    [property: Id(1), Description("The node's voucher id.")] string VoucherId,
    [property: Id(2), Description("The token the voucher minted.")] long TokenNumber,
    [property: Id(3), Description("The address holding it in custody, the holder its receipt leaf names: the settlement custody account, or the drop's signing key when settlement is off (and for vouchers minted before the custody account held them).")] string Custodian,
    [property: Id(4), Description("Salted SHA-256 of the claimant's email address (keyed like custodial claims).")] string EmailHash,
    [property: Id(5), Description("When.")] DateTimeOffset At) : ClaimEvent;
