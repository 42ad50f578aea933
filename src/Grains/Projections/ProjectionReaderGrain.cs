using Marten;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Projections;

/// <summary>
/// Answers projection queries from their tables on any silo; never touches an actor. A feature may read its own
/// projection with a reader of its own instead (venue nodes: <c>VenueStatsGrain</c>), so a new projection need not touch this.
/// </summary>
[StatelessWorker]
public sealed class ProjectionReaderGrain(IDocumentStore store, EventJournal journal) : Grain, IProjectionReaderGrain
{
    public const int MaxLeaderboard = 1000;

    private readonly DropTimelineProjection _timeline = new(store.Options.Events.DatabaseSchemaName);
    private readonly CreatorLeaderboardProjection _leaderboard = new(store.Options.Events.DatabaseSchemaName);
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

    public Task<IReadOnlyList<ProjectionStatus>> Status() => journal.Breaker.Read(() => ProjectionPositions.Read(store, CancellationToken.None));

    // Read before the tables: the answer reflects at least this much of the sequence.
    private async Task<long> Position(string name) =>
        (await ProjectionPositions.Read(store, CancellationToken.None)).First(p => p.Name == name).Position;
}
