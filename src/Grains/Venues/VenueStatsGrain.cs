using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Projections;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Venues;

/// <summary>Answers node and venue statistics from the venue-nodes projection (<see cref="VenueNodeStatsProjection"/>).</summary>
[StatelessWorker]
public sealed class VenueStatsGrain(IDocumentStore store, EventJournal journal) : Grain, IVenueStatsGrain
{
    private readonly VenueNodeStatsProjection _nodes = new(store.Options.Events.DatabaseSchemaName);

    public Task<NodeStats> NodeStats(string nodeId)
    {
        if (!NodeId.IsValid(nodeId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The node id is invalid.", new Dictionary<string, string[]> { ["id"] = [NodeId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var (nodes, position) = await Nodes(NodeFilter.Node, nodeId);
            return nodes.SingleOrDefault()
                ?? throw new Rejected(VenueRejectionCodes.NodeNotFound, $"Node '{nodeId}' is not in the venue-nodes projection (unknown, or registered after position {position}).");
        });
    }

    public Task<VenueStats> VenueStats(string venue)
    {
        if (!NodeId.IsValid(venue))
            throw new Rejected(RejectionCodes.ValidationFailed, "The venue id is invalid.", new Dictionary<string, string[]> { ["venue"] = [NodeId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var (nodes, _) = await Nodes(NodeFilter.Venue, venue);
            if (nodes.Count == 0) throw new Rejected(VenueRejectionCodes.VenueNotFound, $"Venue '{venue}' has no node in the venue-nodes projection.");
            return VenueNodeStatsProjection.Venue(venue, nodes, nodes[0].Position);
        });
    }

    private async Task<(List<NodeStats> Nodes, long Position)> Nodes(NodeFilter filter, string value)
    {
        // Read before the tables: the answer reflects at least this much of the sequence.
        var position = (await ProjectionPositions.Read(store, CancellationToken.None)).First(p => p.Name == VenueNodeStatsProjection.ProjectionName).Position;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return (await _nodes.Read(connection, filter, value, position, CancellationToken.None), position);
    }
}
