using Marten;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Venues;
using Orleans.Concurrency;

namespace MicroEvents.Projections;

/// <summary>Answers projection queries from their tables on any silo; never touches an actor.</summary>
[StatelessWorker]
public sealed class ProjectionReaderGrain(IDocumentStore store, EventJournal journal) : Grain, IProjectionReaderGrain
{
    public const int MaxLeaderboard = 1000;

    private readonly DropTimelineProjection _timeline = new(store.Options.Events.DatabaseSchemaName);
    private readonly CreatorLeaderboardProjection _leaderboard = new(store.Options.Events.DatabaseSchemaName);
    private readonly VenueNodeStatsProjection _nodes = new(store.Options.Events.DatabaseSchemaName);
    private readonly FulfilmentFunnelProjection _funnel = new(store.Options.Events.DatabaseSchemaName);

    public Task<DropTimeline> Timeline(string dropId)
    {
        if (!DropId.IsValid(dropId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.", new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var position = await Position(DropTimelineProjection.ProjectionName);
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            var (claims, minutes, tiers, refusals, nodes) = await _timeline.Read(connection, dropId, CancellationToken.None);
            return new DropTimeline(dropId, claims, minutes, tiers, refusals, position, nodes);
        });
    }

    public Task<CreatorLeaderboard> Leaderboard(int limit)
    {
        if (limit is < 1 or > MaxLeaderboard)
            throw new Rejected(RejectionCodes.ValidationFailed, "The limit is out of range.", new Dictionary<string, string[]> { ["limit"] = [$"1…{MaxLeaderboard}"] });
        return journal.Breaker.Read(async () =>
        {
            var position = await Position(CreatorLeaderboardProjection.ProjectionName);
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            return new CreatorLeaderboard(await _leaderboard.Read(connection, limit, CancellationToken.None), position);
        });
    }

    public Task<NodeStats> NodeStats(string nodeId)
    {
        if (!NodeId.IsValid(nodeId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The node id is invalid.", new Dictionary<string, string[]> { ["id"] = [NodeId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var nodes = await Nodes(NodeFilter.Node, nodeId);
            return nodes.SingleOrDefault()
                ?? throw new Rejected(VenueRejectionCodes.NodeNotFound, $"Node '{nodeId}' is not in the venue-nodes projection (unknown, or registered after position {await Position(VenueNodeStatsProjection.ProjectionName)}).");
        });
    }

    public Task<VenueStats> VenueStats(string venue)
    {
        if (!NodeId.IsValid(venue))
            throw new Rejected(RejectionCodes.ValidationFailed, "The venue id is invalid.", new Dictionary<string, string[]> { ["venue"] = [NodeId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var nodes = await Nodes(NodeFilter.Venue, venue);
            if (nodes.Count == 0) throw new Rejected(VenueRejectionCodes.VenueNotFound, $"Venue '{venue}' has no node in the venue-nodes projection.");
            return VenueNodeStatsProjection.Venue(venue, nodes, nodes[0].Position);
        });
    }

    public Task<FulfilmentFunnel> Funnel(string dropId)
    {
        if (!DropId.IsValid(dropId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.", new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
        return journal.Breaker.Read(async () =>
        {
            var position = await Position(FulfilmentFunnelProjection.ProjectionName);
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            return new FulfilmentFunnel(dropId, await _funnel.Read(connection, dropId, CancellationToken.None), position);
        });
    }

    private async Task<List<NodeStats>> Nodes(NodeFilter filter, string value)
    {
        var position = await Position(VenueNodeStatsProjection.ProjectionName);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return await _nodes.Read(connection, filter, value, position, CancellationToken.None);
    }

    public Task<IReadOnlyList<ProjectionStatus>> Status() => journal.Breaker.Read(() => ProjectionPositions.Read(store, CancellationToken.None));

    // Read before the tables: the answer reflects at least this much of the sequence.
    private async Task<long> Position(string name) =>
        (await ProjectionPositions.Read(store, CancellationToken.None)).First(p => p.Name == name).Position;
}
