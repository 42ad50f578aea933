using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// A custodial claim was asked for under this claim id, before its mint: the drop's ledger does not know custody
/// kinds, so this is how the claim actor tells its own mint (to adopt after a lost reply) from a self-custody mint
/// of the same id (never adopted).
/// </summary>
[Description("A custodial claim was requested under this claim id, before its token was minted (so a self-custody mint of the same id is never taken for it).")]
[GenerateSerializer, Immutable, EventAlias("claim.custody_requested.v1")]
public sealed record CustodyRequested(
    [property: Id(0), Description("Address of the claimant's ephemeral key that signed the custodial claim.")] string EphemeralKey,
    [property: Id(1), Description("Salted SHA-256 of the claimant's email address.")] string EmailHash,
    [property: Id(2), Description("The tier signed for; none: untiered.")] string? Tier,
    [property: Id(3), Description("When it was requested.")] DateTimeOffset RequestedAt) : ClaimEvent;
