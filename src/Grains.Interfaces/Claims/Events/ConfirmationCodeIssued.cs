using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>A fresh code was mailed (the earlier one no longer works).</summary>
[GenerateSerializer, Immutable, EventAlias("claim.confirmation_code_issued.v1")]
public sealed record ConfirmationCodeIssued([property: Id(0)] string CodeHash, [property: Id(1)] DateTimeOffset IssuedAt) : ClaimEvent;
