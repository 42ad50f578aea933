using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The token now belongs to <see cref="Wallet"/>, proven by its signature and by <see cref="ProvenWith"/> (<c>ephemeral-key</c> or <c>email-code</c>).</summary>
[Description("The token now belongs to the claimant's own wallet, proven by its signature.")]
[GenerateSerializer, Immutable, EventAlias("claim.token_handed_off.v1")]
public sealed record TokenHandedOff(
    [property: Id(0), Description("The receiving wallet, EIP-55 checksummed.")] string Wallet,
    [property: Id(1), Description("ephemeral-key or email-code.")] string ProvenWith,
    [property: Id(2), Description("When it was handed off.")] DateTimeOffset HandedOffAt) : ClaimEvent;
