using MicroEvents.Projections;

namespace MicroEvents.Drops;

/// <summary>Reads the drops' projections (drop timeline, creator leaderboard) from their tables, never the actors: stateless, on any silo.</summary>
public interface IDropStatsGrain : IGrainWithIntegerKey
{
    Task<DropTimeline> Timeline(string dropId);
    Task<CreatorLeaderboard> Leaderboard(int limit);
}
