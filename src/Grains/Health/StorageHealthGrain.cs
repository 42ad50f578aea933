using System.Diagnostics;
using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Health;

/// <summary>
/// The readiness ping, through the journal's breaker like every read: an outage trips it and answers 503 as the silo's
/// commands do, and while it is open the silo is not ready (it refuses commands) without asking PostgreSQL again.
/// </summary>
[StatelessWorker]
public sealed class StorageHealthGrain(IDocumentStore store, EventJournal journal) : Grain, IStorageHealthGrain
{
    public async Task<TimeSpan> Ping()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await journal.Breaker.Read(async () =>
            {
                await using var session = store.QuerySession();
                return await session.QueryAsync<int>("select 1");
            }, "PostgreSQL is unavailable.");
        }
        catch (Exception e) when (e is not Rejected)
        {
            // A refusal (a wrong password, a missing database) is not an outage to wait out, but the silo is not ready
            // either; Npgsql's exceptions have no Orleans codec (the gateway would read a CodecNotFoundException).
            throw new Rejected(RejectionCodes.Unavailable, $"PostgreSQL refuses the silo ({StorageFault.Reason(e)}).");
        }
        return Stopwatch.GetElapsedTime(started);
    }
}
