using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>
/// A fresh code was mailed (the earlier one no longer works). <see cref="KeepsWrongCodes"/> is true since the code path's
/// lock is lifted only by time: the wrong codes tried so far still count. Events stored before carry none, and then a
/// new code restarted the count (that is what they meant when they were stored).
/// </summary>
[Description("A fresh confirmation code was mailed; the earlier one no longer works.")]
[GenerateSerializer, Immutable, EventAlias("claim.confirmation_code_issued.v1")]
public sealed record ConfirmationCodeIssued(
    [property: Id(0), Description("Salted SHA-256 of the code: enough to match, never to read.")] string CodeHash,
    [property: Id(1), Description("When it was issued.")] DateTimeOffset IssuedAt,
    [property: Id(2), Description("true: the wrong codes tried before still count and a lock stays until its time; absent in events stored before: the new code restarted the count.")] bool? KeepsWrongCodes = null) : ClaimEvent;
