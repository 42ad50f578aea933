using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node moved to a new signing key, presented with the old key's signature (a chain of custody).")]
[GenerateSerializer, Immutable, EventAlias("node.key_rotated.v1")]
public sealed record NodeKeyRotated(
    [property: Id(0), Description("The key signing until now, EIP-55 checksummed.")] string PreviousAddress,
    [property: Id(1), Description("The key signing from now on, EIP-55 checksummed.")] string NewAddress,
    [property: Id(2), Description("The previous key's EIP-191 signature over the rotation message.")] string Signature,
    [property: Id(3), Description("When the new key took over.")] DateTimeOffset At,
    [property: Id(4), Description("Who: key:<id> for an API key, node:<id> for the node itself, system or cli; absent on events stored before callers were recorded.")] string? By = null) : NodeEvent;
