using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops.Events;

/// <summary>The token of claim <see cref="ClaimId"/> went back to the drop; the next claimant receives <see cref="TokenNumber"/> before any new number.</summary>
[Description("A custodial claim's escrow ended unconfirmed under the release policy: its token number went back to the drop, and the next claim receives it before any new number.")]
[GenerateSerializer, Immutable, EventAlias("drop.token_released.v1")]
public sealed record TokenReleased(
    [property: Id(0), Description("The claim whose token went back; it holds nothing from now on.")] string ClaimId,
    [property: Id(1), Description("The token number given back.")] long TokenNumber,
    [property: Id(2), Description("When it was released (the claim's escrow end).")] DateTimeOffset ReleasedAt) : DropEvent;
