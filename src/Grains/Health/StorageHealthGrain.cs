using System.Diagnostics;
using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Health;

[StatelessWorker]
public sealed class StorageHealthGrain(IDocumentStore store) : Grain, IStorageHealthGrain
{
    public async Task<TimeSpan> Ping()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1");
        }
        catch (Exception e)
        {
            // Npgsql's and Marten's exceptions have no Orleans codec: sent as they are, the gateway reads a CodecNotFoundException.
            throw new Rejected(RejectionCodes.Unavailable, $"PostgreSQL is unavailable ({StorageFault.Reason(e)}).");
        }
        return Stopwatch.GetElapsedTime(started);
    }
}
