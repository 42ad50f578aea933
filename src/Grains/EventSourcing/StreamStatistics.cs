using Marten;
using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Keeps PostgreSQL's statistics of the stream table current while the journal creates streams in bursts.
/// Every event row Marten's schema stores is checked against its stream by a foreign key, and PostgreSQL plans
/// that check once per connection from the table's statistics: planned while the table was small (the first
/// minutes of a database, or of a launch), it stays a full scan of every stream, run for every event, until
/// autovacuum's next analyze, up to a minute later. One-event appends to many streams paid that scan per claim
/// (session 10: benchmarks/README.md, "many-drops: where a one-event append goes"). So once this silo has
/// created a tenth more streams than the table held at the last analyze (at least
/// <see cref="MinNewStreams"/>), it analyzes the table, off the commit loop and one at a time; the new
/// statistics make PostgreSQL re-plan the check on the primary key. The number of analyzes grows with the
/// logarithm of the streams created.
/// </summary>
internal sealed class StreamStatistics(IDocumentStore store)
{
    public const int MinNewStreams = 100;

    private readonly string _table = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
    private long _created;
    private long _atLastAnalyze;
    private int _analyzing;

    /// <summary>Called by the commit loop with the streams a commit created.</summary>
    public void Created(int streams)
    {
        if (streams == 0) return;
        Interlocked.Add(ref _created, streams);
        StartIfDue();
    }

    private void StartIfDue()
    {
        if (Interlocked.Read(ref _created) < Math.Max(MinNewStreams, Volatile.Read(ref _atLastAnalyze) / 10)) return;
        if (Interlocked.CompareExchange(ref _analyzing, 1, 0) != 0) return;
        _ = Task.Run(Analyze);
    }

    private async Task Analyze()
    {
        // Streams created from here on count towards the next analyze.
        Interlocked.Exchange(ref _created, 0);
        try
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            await using (var analyze = new NpgsqlCommand($"analyze {_table}", connection))
                await analyze.ExecuteNonQueryAsync();
            await using var size = new NpgsqlCommand($"select greatest(reltuples, 0)::bigint from pg_class where oid = '{_table}'::regclass", connection);
            if (await size.ExecuteScalarAsync() is long streams) Volatile.Write(ref _atLastAnalyze, streams);
        }
        catch (Exception)
        {
            // Only a planner hint: autovacuum analyzes the table anyway, and the next burst tries again.
        }
        finally
        {
            Volatile.Write(ref _analyzing, 0);
        }
        // A burst that went on while this ran.
        StartIfDue();
    }
}
