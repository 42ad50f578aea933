using Marten;
using Npgsql;

namespace MicroEvents.Projections;

/// <summary>
/// Gives PostgreSQL statistics on <c>mt_events</c> as soon as it holds events. A new database's table has none until
/// autovacuum first analyzes it, up to a minute (its naptime) later, and meanwhile the planner assumes a third of the table
/// matches any <c>seq_id &gt; n</c>: Marten's daemon's gap detection (<c>lead(seq_id) over (order by seq_id) … where
/// seq_id &gt;= :start</c>), run at every commit, then reads and sorts the whole table instead of the few rows past its
/// mark (issue #30: 32 ms and ~6,000 pages a call at 100,000 events, the readers' top PostgreSQL statement). One
/// <c>ANALYZE</c> fixes the plan for good: later statistics only lag behind the table's growth, which makes the planner
/// under-estimate the rows past a mark, and that keeps the index scan.
/// </summary>
public sealed class EventTableStatistics(IDocumentStore store)
{
    /// <summary>Events before the first analysis: below this, reading the whole table is as cheap as the index.</summary>
    public const long Threshold = 1_000;

    private bool _present;

    /// <summary>Analyzes the table once it holds <see cref="Threshold"/> events and has no statistics; true once it has them.</summary>
    public async Task<bool> Ensure(CancellationToken ct)
    {
        if (_present) return true;
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // The highest sequence number stands for the table's size: one step down the primary key, never a count.
        await using var check = new NpgsqlCommand($"""
            select exists (select 1 from pg_stats where schemaname = @schema and tablename = 'mt_events' and attname = 'seq_id'),
                   coalesce((select max(seq_id) from {schema}.mt_events), 0)
            """, connection);
        check.Parameters.AddWithValue("schema", schema);
        bool analyzed;
        long rows;
        await using (var reader = await check.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (analyzed, rows) = (reader.GetBoolean(0), reader.GetInt64(1));
        }
        if (!analyzed && rows >= Threshold)
        {
            await using var analyze = new NpgsqlCommand($"analyze {schema}.mt_events", connection);
            await analyze.ExecuteNonQueryAsync(ct);
            analyzed = true;
        }
        return _present = analyzed;
    }
}
