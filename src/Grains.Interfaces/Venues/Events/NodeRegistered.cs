using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("An operator registered the node at a venue with the address of its first signing key.")]
[GenerateSerializer, Immutable, EventAlias("node.registered.v1")]
public sealed record NodeRegistered(
    [property: Id(0), Description("The node's id; the stream is node/{nodeId}.")] string NodeId,
    [property: Id(1), Description("The venue it serves.")] string Venue,
    [property: Id(2), Description("A label for people (at most 200 characters).")] string Label,
    [property: Id(3), Description("Address of its first signing key, EIP-55 checksummed.")] string KeyAddress,
    [property: Id(4), Description("When it was registered.")] DateTimeOffset RegisteredAt) : NodeEvent;
