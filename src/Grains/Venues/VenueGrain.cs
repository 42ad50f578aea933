using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Venues.Events;

namespace MicroEvents.Venues;

/// <summary>The registry of one venue's nodes, on <c>venue/{id}</c>: what <c>GET /venues/{venue}/nodes</c> lists.</summary>
public sealed class VenueGrain(EventJournal journal, TimeProvider clock)
    : EventSourcedGrain<VenueState, VenueEvent>(journal, clock), IVenueGrain
{
    protected override string Kind => "venue";

    public Task Add(string nodeId) => Execute(s => s.Nodes.Contains(nodeId)
        ? Decision<bool, VenueEvent>.Unchanged(false)
        : new(true, [new VenueNodeAdded(nodeId, Clock.GetUtcNow())]));

    public async Task<IReadOnlyList<string>> GetNodes() => [.. (await Stored()).Nodes];
}

[GenerateSerializer, Immutable]
public sealed record VenueState([property: Id(0)] ImmutableSortedSet<string> Nodes) : IEventFold<VenueState, VenueEvent>
{
    public static VenueState Initial => new(ImmutableSortedSet<string>.Empty);

    public VenueState Apply(VenueEvent e) => e is VenueNodeAdded a ? this with { Nodes = Nodes.Add(a.NodeId) } : this;
}
