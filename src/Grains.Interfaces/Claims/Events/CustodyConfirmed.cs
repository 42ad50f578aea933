using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Claims.Events;

/// <summary>The claimant showed the mailed code and the ephemeral key: the token stays in custody for them.</summary>
[Description("The claimant showed the mailed code and the ephemeral key: the token stays in custody for them.")]
[GenerateSerializer, Immutable, EventAlias("claim.custody_confirmed.v1")]
public sealed record CustodyConfirmed([property: Id(0), Description("When custody was confirmed.")] DateTimeOffset ConfirmedAt) : ClaimEvent;
