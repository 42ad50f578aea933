using Marten;

namespace MicroEvents.Feeds;

/// <summary>
/// How far the global event sequence can be read without missing anything. Appends take their
/// sequence numbers inside their transaction, so a later number can commit before an earlier one:
/// reading past a missing number could skip an event that is about to appear. The mark therefore
/// stops at the first missing number, unless the event after it committed more than
/// <see cref="StaleAfter"/> ago (database time): then the missing number belongs to an append that
/// rolled back (refused, or its connection broke) and will never appear.
/// One per silo, shared by its feeds (issue #30: each feed scanning up to 10,000 rows five times a second cost
/// PostgreSQL more per claim than any other reader statement): a mark read for a lower position answers a higher
/// one too (what was visible without a gap stays so), and PostgreSQL is asked again at most once per
/// <see cref="ReadEvery"/>, a feed's poll interval, whatever the number of feeds asking.
/// </summary>
public sealed class SequenceHighWater(IDocumentStore store, FeedMetrics? metrics = null, TimeSpan? readEvery = null)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(200);
    private readonly long _readEveryMs = (long)(readEvery ?? ReadEvery).TotalMilliseconds;
    private const int Scan = 10_000;

    private readonly Lock _gate = new();
    // The last mark read: every stored event in (_from, _mark] was visible at _readAt.
    private long _from = long.MaxValue, _mark;
    private long _readAt = long.MinValue / 2;
    private bool _limited; // the last frontier read stopped at the scan's limit, not at a gap: more may be visible

    /// <summary>
    /// The highest sequence s such that every stored event in (<paramref name="after"/>, s] is visible: as of the last
    /// reading when that answers (a feed asks again once it got there), or read now. <paramref name="fresh"/>: always read
    /// now (a status shown to a person).
    /// </summary>
    public async Task<long> After(long after, CancellationToken ct, bool fresh = false)
    {
        lock (_gate)
        {
            if (!fresh && _from <= after && after < _mark) return _mark; // known beyond `after` already: visible stays visible
            // At or past the last frontier read, read lately: answer "nothing new yet" (always safe) and ask again next poll.
            if (!fresh && _from <= after && !_limited && Environment.TickCount64 - _readAt < _readEveryMs) return after;
        }
        var (mark, limited) = await Read(after, ct);
        lock (_gate)
        {
            if (mark >= _mark) _limited = limited;
            // Only a reading of the frontier replaces the remembered one, so a feed far behind (reading old stretches)
            // never keeps the frontier looking freshly read while nobody reads it.
            if (mark > _mark) (_from, _mark, _readAt) = (after, mark, Environment.TickCount64);
            else if (mark == _mark) (_from, _readAt) = (Math.Min(_from, after), Environment.TickCount64); // (a, m] and (b, m] make (min, m]
        }
        return mark;
    }

    private async Task<(long Mark, bool Limited)> Read(long after, CancellationToken ct)
    {
        metrics?.HighWaterRead();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select seq_id, extract(epoch from now() - timestamp)::float8
            from {store.Options.Events.DatabaseSchemaName}.mt_events
            where seq_id > @after order by seq_id limit {Scan}
            """;
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var next = after + 1;
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            if (sequence != next && reader.GetDouble(1) < StaleAfter.TotalSeconds) return (next - 1, false);
            next = sequence + 1;
            rows++;
        }
        return (next - 1, rows == Scan);
    }
}
