using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>Token <see cref="TokenNumber"/> went to <see cref="Wallet"/> (EIP-55 checksummed) for claim <see cref="ClaimId"/>.</summary>
[Description("A claim was accepted: the next token number went to the wallet. One per accepted claim, never for a retry.")]
[GenerateSerializer, Immutable, EventAlias("drop.token_minted.v1")]
public sealed record TokenMinted(
    [property: Id(0), Description("The client-chosen claim id (body or Idempotency-Key); unique per drop.")] string ClaimId,
    [property: Id(1), Description("Serial number of the token: 1…supply, gapless, in acceptance order.")] long TokenNumber,
    [property: Id(2), Description("The attendee's wallet address, EIP-55 checksummed.")] string Wallet,
    [property: Id(3), Description("The tier the token came from; none: untiered.")] string? Tier,
    [property: Id(4), Description("When the claim was accepted (the drop's clock).")] DateTimeOffset ClaimedAt,
    [property: Id(5), Description("A custodial claim's (or email-hash voucher's) custody account, the holder its receipt names on chain; none: the wallet holds it.")] string? Custodian = null,
    [property: Id(6), Description("The fallback manifest's hash when the token was minted under the drop's contingency manifest; none: the primary manifest.")] string? ManifestHash = null) : DropEvent;
