using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// A wrong code was tried; after a few the code path locks for a while, so six digits cannot be guessed. Events stored
/// before the lock was lifted only by time carry neither <see cref="WrongCodes"/> nor <see cref="LockedUntil"/>: each
/// counted one more, and a new code restarted the count.
/// </summary>
[Description("A wrong confirmation code was tried; after a few the code path locks until a set time (a new code does not lift it).")]
[GenerateSerializer, Immutable, EventAlias("claim.confirmation_code_rejected.v1")]
public sealed record ConfirmationCodeRejected(
    [property: Id(0), Description("When it was tried.")] DateTimeOffset At,
    [property: Id(1), Description("Wrong codes counted so far, this one included (the count starts again once a lock has passed); absent in events stored before it was recorded: one more than before.")] int? WrongCodes = null,
    [property: Id(2), Description("Set on the wrong code that locked the code path: no code is accepted before this time, whatever is asked meanwhile.")] DateTimeOffset? LockedUntil = null) : ClaimEvent;
