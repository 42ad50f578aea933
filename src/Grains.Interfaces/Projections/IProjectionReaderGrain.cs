namespace MicroEvents.Projections;

/// <summary>Reads the projections' tables (never the actors): stateless, on any silo.</summary>
public interface IProjectionReaderGrain : IGrainWithIntegerKey
{
    Task<DropTimeline> Timeline(string dropId);
    Task<CreatorLeaderboard> Leaderboard(int limit);
    Task<IReadOnlyList<ProjectionStatus>> Status();
    Task<FulfilmentFunnel> Funnel(string dropId);
}
