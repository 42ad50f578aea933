using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("An operator revoked one of the node's keys: what it signed from the effective time on is refused.")]
[GenerateSerializer, Immutable, EventAlias("node.key_revoked.v1")]
public sealed record NodeKeyRevoked(
    [property: Id(0), Description("The revoked key, EIP-55 checksummed.")] string Address,
    [property: Id(1), Description("Why, e.g. 'kiosk lost'.")] string Reason,
    [property: Id(2), Description("From when its signatures are refused (may be before the revocation).")] DateTimeOffset EffectiveAt,
    [property: Id(3), Description("When the operator revoked it.")] DateTimeOffset RevokedAt,
    [property: Id(4), Description("Who: key:<id> for an API key, node:<id> for the node itself, system or cli; absent on events stored before callers were recorded.")] string? By = null) : NodeEvent;
