using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>A fresh code was mailed (the earlier one no longer works).</summary>
[Description("A fresh confirmation code was mailed; the earlier one no longer works.")]
[GenerateSerializer, Immutable, EventAlias("claim.confirmation_code_issued.v1")]
public sealed record ConfirmationCodeIssued([property: Id(0), Description("Salted SHA-256 of the code: enough to match, never to read.")] string CodeHash, [property: Id(1), Description("When it was issued.")] DateTimeOffset IssuedAt) : ClaimEvent;
