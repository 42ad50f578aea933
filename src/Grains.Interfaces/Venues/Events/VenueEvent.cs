using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

/// <summary>The registry of one venue's nodes; the analysts' schema for <c>venue/{id}</c>.</summary>
[Description("The registry of one venue (stream venue/{id}): which nodes serve it.")]
[GenerateSerializer, Immutable]
public abstract record VenueEvent;

[Description("A node was registered at the venue.")]
[GenerateSerializer, Immutable, EventAlias("venue.node_added.v1")]
public sealed record VenueNodeAdded(
    [property: Id(0), Description("The node.")] string NodeId,
    [property: Id(1), Description("When.")] DateTimeOffset At) : VenueEvent;
