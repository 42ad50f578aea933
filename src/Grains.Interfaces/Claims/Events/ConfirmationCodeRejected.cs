using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>A wrong code was tried; after a few the code path locks, so six digits cannot be guessed.</summary>
[Description("A wrong confirmation code was tried; after a few the code path locks.")]
[GenerateSerializer, Immutable, EventAlias("claim.confirmation_code_rejected.v1")]
public sealed record ConfirmationCodeRejected([property: Id(0), Description("When it was tried.")] DateTimeOffset At) : ClaimEvent;
