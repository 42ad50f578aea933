using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Projections;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Drops;

/// <summary>Answers a drop's timeline and the creator leaderboard from their projections (<see cref="DropTimelineProjection"/>, <see cref="CreatorLeaderboardProjection"/>).</summary>
[StatelessWorker]
public sealed class DropStatsGrain(IDocumentStore store, EventJournal journal) : Grain, IDropStatsGrain
{
    public const int MaxLeaderboard = 1000;

    private readonly DropTimelineProjection _timeline = new(store.Options.Events.DatabaseSchemaName);
    private readonly CreatorLeaderboardProjection _leaderboard = new(store.Options.Events.DatabaseSchemaName);

    public Task<DropTimeline> Timeline(string dropId)
    {
        if (!DropId.IsValid(dropId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.", new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
        return ProjectionQuery.Read(store, journal, DropTimelineProjection.ProjectionName, async (connection, position) =>
        {
            var (claims, minutes, tiers, refusals, nodes) = await _timeline.Read(connection, dropId, CancellationToken.None);
            return new DropTimeline(dropId, claims, minutes, tiers, refusals, position, nodes);
        });
    }

    public Task<CreatorLeaderboard> Leaderboard(int limit)
    {
        if (limit is < 1 or > MaxLeaderboard)
            throw new Rejected(RejectionCodes.ValidationFailed, "The limit is out of range.", new Dictionary<string, string[]> { ["limit"] = [$"1…{MaxLeaderboard}"] });
        return ProjectionQuery.Read(store, journal, CreatorLeaderboardProjection.ProjectionName, async (connection, position) =>
            new CreatorLeaderboard(await _leaderboard.Read(connection, limit, CancellationToken.None), position));
    }
}
