using MicroEvents.Feeds;
using MicroEvents.Projections;
using MicroEvents.Singletons;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The one wait for readers: until every reader in the cluster has read the journal up to its high-water mark
/// (the highest stored sequence) — the projections Marten's daemon runs, by their progression rows, and every
/// feed, by its checkpoint — as Marten's <c>WaitForNonStaleProjectionDataAsync</c> does for projections alone.
/// Readers may append events of their own (a mint's order): it waits again until the mark stays put. A test then
/// asserts the read model once, instead of polling it until it happens to match.
/// </summary>
public static class CaughtUp
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task ReadersCaughtUp(this DropCluster cluster, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var services = cluster.Cluster.Silos[0].ServiceProvider;
        var feeds = services.GetServices<IFeedHandler>().Select(h => h.Name).Distinct().ToList();
        var projections = services.GetServices<ISingletonWake>().Any(w => w.Name == "projection-daemon");

        var mark = await HighWater(cluster);
        while (true)
        {
            var behind = await Behind(cluster, feeds, projections, mark);
            if (behind.Count == 0)
            {
                var now = await HighWater(cluster);
                if (now == mark) return;
                mark = now; // the readers wrote events of their own: those must be read too
                continue;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Readers not caught up with sequence {mark} within {limit.TotalSeconds:0}s: {string.Join(", ", behind)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The readers still short of <paramref name="mark"/>, with where they stand.</summary>
    private static async Task<List<string>> Behind(DropCluster cluster, IReadOnlyList<string> feeds, bool projections, long mark)
    {
        var behind = new List<string>();
        foreach (var feed in feeds)
        {
            var status = await cluster.Client.GetGrain<IFeedGrain>(feed).GetStatus();
            if (status.Checkpoint < mark) behind.Add($"feed {feed} at {status.Checkpoint}");
        }
        if (projections)
            foreach (var projection in await ProjectionPositions.Read(cluster.Store, CancellationToken.None))
                if (projection.Position < mark) behind.Add($"projection {projection.Name} at {projection.Position}");
        return behind;
    }

    private static async Task<long> HighWater(DropCluster cluster)
    {
        await using var connection = cluster.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {cluster.Store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
