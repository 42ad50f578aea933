using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The escrow window closed: the token was <c>kept</c> in custody or <c>released</c> back to the drop.</summary>
[Description("The escrow window closed: the token was kept in custody or released back to the drop.")]
[GenerateSerializer, Immutable, EventAlias("claim.escrow_ended.v1")]
public sealed record EscrowEnded([property: Id(0), Description("kept or released.")] string Outcome, [property: Id(1), Description("When the escrow ended.")] DateTimeOffset EndedAt) : ClaimEvent;
