using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The token now belongs to <see cref="Wallet"/>, proven by its signature and by <see cref="ProvenWith"/> (<c>ephemeral-key</c> or <c>email-code</c>).</summary>
[GenerateSerializer, Immutable, EventAlias("claim.token_handed_off.v1")]
public sealed record TokenHandedOff(
    [property: Id(0)] string Wallet,
    [property: Id(1)] string ProvenWith,
    [property: Id(2)] DateTimeOffset HandedOffAt) : ClaimEvent;
