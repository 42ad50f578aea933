using System.Diagnostics;
using Marten;
using Orleans.Concurrency;

namespace MicroEvents.Health;

[StatelessWorker]
public sealed class StorageHealthGrain(IDocumentStore store) : Grain, IStorageHealthGrain
{
    public async Task<TimeSpan> Ping()
    {
        var started = Stopwatch.GetTimestamp();
        await using var session = store.QuerySession();
        await session.QueryAsync<int>("select 1");
        return Stopwatch.GetElapsedTime(started);
    }
}
