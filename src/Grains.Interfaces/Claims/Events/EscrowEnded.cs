using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// The escrow window closed: the token was <c>kept</c> in custody or <c>released</c> back to the drop. By the clock,
/// or early by an operator (<see cref="Reason"/> <c>ended-by-operator</c>, <see cref="By"/> the caller); events stored
/// before early ends existed carry neither and ended by the clock.
/// </summary>
[Description("The escrow window closed: the token was kept in custody or released back to the drop; by the clock, or early by an operator.")]
[GenerateSerializer, Immutable, EventAlias("claim.escrow_ended.v1")]
public sealed record EscrowEnded(
    [property: Id(0), Description("kept or released.")] string Outcome, [property: Id(1), Description("When the escrow ended.")] DateTimeOffset EndedAt,
    [property: Id(2), Description("ended-by-operator when an operator ended it before its window; absent when it ended by the clock.")] string? Reason = null,
    [property: Id(3), Description("Who ended it early: key:<id> of the operator's API key; absent when it ended by the clock.")] string? By = null) : ClaimEvent
{
    public const string EndedByOperator = "ended-by-operator";
}
