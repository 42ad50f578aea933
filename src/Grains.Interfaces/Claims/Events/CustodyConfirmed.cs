using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The claimant showed the mailed code and the ephemeral key: the token stays in custody for them.</summary>
[GenerateSerializer, Immutable, EventAlias("claim.custody_confirmed.v1")]
public sealed record CustodyConfirmed([property: Id(0)] DateTimeOffset ConfirmedAt) : ClaimEvent;
