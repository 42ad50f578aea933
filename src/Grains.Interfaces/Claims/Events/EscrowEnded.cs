using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The escrow window closed: the token was <c>kept</c> in custody or <c>released</c> back to the drop.</summary>
[GenerateSerializer, Immutable, EventAlias("claim.escrow_ended.v1")]
public sealed record EscrowEnded([property: Id(0)] string Outcome, [property: Id(1)] DateTimeOffset EndedAt) : ClaimEvent;
