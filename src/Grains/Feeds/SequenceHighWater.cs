using Marten;

namespace MicroEvents.Feeds;

/// <summary>
/// How far the global event sequence can be read without missing anything. Appends take their
/// sequence numbers inside their transaction, so a later number can commit before an earlier one:
/// reading past a missing number could skip an event that is about to appear. The mark therefore
/// stops at the first missing number, unless the event after it committed more than
/// <see cref="StaleAfter"/> ago (database time): then the missing number belongs to an append that
/// rolled back (refused, or its connection broke) and will never appear.
/// One per silo, shared by its feeds, and it reads only what is new (issue #30: each feed scanning from its own
/// position made PostgreSQL walk every lagging feed's lag on every poll, its most expensive reader statement).
/// A caller asks from a position it reached without a gap (every number up to it was read, or judged gone, by such a
/// reading), so one reading that found no gap from a position up to a mark settles everything up to that mark: any feed
/// below the mark gets it from memory, whatever its lag. PostgreSQL is asked only from a position at or past the mark,
/// at most once per <see cref="ReadEvery"/> (a feed's poll interval) whatever the number of feeds asking, and for at
/// most <see cref="Scan"/> numbers (a bounded range, so the plan is an index range scan however stale the table's
/// statistics are: an unbounded <c>seq_id &gt; @after</c> once made the planner sort the whole table).
/// </summary>
public sealed class SequenceHighWater(IDocumentStore store, FeedMetrics? metrics = null, TimeSpan? readEvery = null)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>Sequence numbers one reading covers at most: a feed further behind reads its backlog in stretches.</summary>
    public const int Scan = 10_000;

    private readonly long _readEveryMs = (long)(readEvery ?? ReadEvery).TotalMilliseconds;
    private readonly Lock _gate = new();
    // Every sequence number up to _mark is settled: stored and visible, or gone for good.
    private long _mark;
    private long _readAt = long.MinValue / 2;
    private bool _limited; // the last reading stopped at the end of its range, not at a gap: more may be visible

    /// <summary>
    /// The highest sequence s such that every stored event in (<paramref name="after"/>, s] is visible, for a caller that
    /// reached <paramref name="after"/> without a gap (a feed's checkpoint): as of the last reading when that answers, or
    /// read now. <paramref name="fresh"/>: always read now (a status shown to a person).
    /// </summary>
    public async Task<long> After(long after, CancellationToken ct, bool fresh = false)
    {
        lock (_gate)
        {
            if (!fresh && after < _mark) return _mark; // settled beyond `after` already: visible stays visible
            // At or past the mark, read lately: answer "nothing new yet" (always safe) and ask again next poll.
            if (!fresh && !_limited && Environment.TickCount64 - _readAt < _readEveryMs) return after;
        }
        var (mark, limited) = await Read(after, ct);
        lock (_gate)
        {
            // A reading from a settled position settles up to its mark. One that ends below the mark (a slower reading run
            // at the same time) says nothing new, and the mark still answers: everything up to it is settled.
            if (mark >= _mark) (_mark, _limited, _readAt) = (mark, limited, Environment.TickCount64);
            return _mark;
        }
    }

    /// <summary>From <paramref name="after"/>: the last number before the first missing one that is not yet stale, within <see cref="Scan"/> numbers.</summary>
    private async Task<(long Mark, bool Limited)> Read(long after, CancellationToken ct)
    {
        metrics?.HighWaterRead();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // Bounded on both sides: PostgreSQL estimates at most Scan rows whatever its statistics say, so it walks the primary
        // key from `after` (and past no more than Scan index entries of appends still in flight) instead of sorting the table.
        command.CommandText = $"""
            select seq_id, extract(epoch from now() - timestamp)::float8
            from {store.Options.Events.DatabaseSchemaName}.mt_events
            where seq_id > @after and seq_id <= @last order by seq_id
            """;
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("last", after + Scan);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var next = after + 1;
        var rows = 0;
        try
        {
            while (await reader.ReadAsync(ct))
            {
                rows++;
                var sequence = reader.GetInt64(0);
                if (sequence != next && reader.GetDouble(1) < StaleAfter.TotalSeconds) return (next - 1, false);
                next = sequence + 1;
            }
        }
        finally
        {
            metrics?.HighWaterRows(rows);
        }
        return (next - 1, next - 1 == after + Scan);
    }
}
