using System.Diagnostics;
using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Where each background reader stands against the head of the event sequence, from storage alone:
/// Marten's async daemon per projection shard (<c>mt_event_progression</c>, without its own
/// <c>HighWaterMark</c> and <c>HighWaterAllocationFence</c> rows, which are its own bookkeeping) and each feed (receipt sealing, settlement anchors and hand-offs, the merch
/// feed, …: their <c>FeedCheckpoint</c> documents). Lag is head − position, in events.
/// </summary>
public sealed class ReaderPositions(string connectionString, string schema)
{
    public async Task<ReaderSnapshot> Read(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var head = Convert.ToInt64(await Scalar(conn, $"select coalesce(max(seq_id), 0) from {schema}.mt_events", ct));
        var readers = new Dictionary<string, long>();
        if (await Exists(conn, $"{schema}.mt_event_progression", ct))
            await Collect(conn, $"select 'daemon:' || name, coalesce(last_seq_id, 0) from {schema}.mt_event_progression where name not like 'HighWater%'", readers, ct);
        if (await Exists(conn, $"{schema}.mt_doc_feedcheckpoint", ct))
            await Collect(conn, $"select 'feed:' || id, coalesce((data->>'sequence')::bigint, (data->>'Sequence')::bigint, 0) from {schema}.mt_doc_feedcheckpoint", readers, ct);
        return new ReaderSnapshot(DateTimeOffset.UtcNow, head, readers);
    }

    /// <summary>
    /// Seconds from now until each of <paramref name="names"/> stands at <paramref name="head"/>, read every <paramref name="poll"/>;
    /// a reader missing from the answer did not get there within <paramref name="limit"/>.
    /// </summary>
    public async Task<Dictionary<string, double>> CatchUp(long head, IEnumerable<string> names, TimeSpan limit, TimeSpan poll, CancellationToken ct)
    {
        var pending = names.ToHashSet();
        var done = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        while (pending.Count > 0 && clock.Elapsed < limit)
        {
            var now = await Read(ct);
            foreach (var reader in pending.ToList())
                if (now.Positions.TryGetValue(reader, out var position) && position >= head)
                {
                    done[reader] = Math.Round(clock.Elapsed.TotalSeconds, 2);
                    pending.Remove(reader);
                }
            if (pending.Count > 0) await Task.Delay(poll, ct);
        }
        return done;
    }

    private static async Task<object?> Scalar(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task<bool> Exists(NpgsqlConnection conn, string table, CancellationToken ct) =>
        await Scalar(conn, $"select to_regclass('{table}') is not null", ct) is true;

    private static async Task Collect(NpgsqlConnection conn, string sql, Dictionary<string, long> into, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) into[reader.GetString(0)] = reader.GetInt64(1);
    }
}

public sealed record ReaderSnapshot(DateTimeOffset At, long Head, IReadOnlyDictionary<string, long> Positions)
{
    public long Lag(string reader) => Math.Max(0, Head - Positions[reader]);
}

/// <summary>One reader over a sustained window: lag at its start and end (means of the first and last samples), and after the load.</summary>
public sealed record ReaderLag(string Reader, long LagAtWindowStart, long LagAtWindowEnd, long Growth, long Tolerance, double? CatchUpSeconds, bool Passed)
{
    public const string Definition = "lag = head of the event sequence (max mt_events.seq_id) − the reader's position (Marten daemon: mt_event_progression.last_seq_id; " +
        "feeds: their FeedCheckpoint document), in events, sampled every second through the window; start/end = mean of the first/last three samples; " +
        "the check fails when end − start exceeds the tolerance (max(2,000 events, 5 % of the events appended in the window)); " +
        "catch-up = seconds from the end of the load until the reader's position reached the head as it stood then (null: not within the limit)";
}
