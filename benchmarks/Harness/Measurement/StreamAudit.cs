using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>What Marten actually stored for a stream: events, appends (distinct batch ids in the event ids), last version.</summary>
public sealed record StreamCounts(long Events, long Appends, long LastVersion);

/// <summary>
/// The rhythm of group commit on one stream, from the server timestamps (one per append transaction):
/// events per append and the time between consecutive appends' transactions, medians over the mint appends.
/// </summary>
public sealed record AppendCycles(double EventsPerAppendP50, double GapMsP50, double GapMsP90);

/// <summary>Reads the drops' streams straight from <c>&lt;schema&gt;.mt_events</c>, bypassing the grains.</summary>
public sealed class StreamAudit(string connectionString, string schema)
{
    /// <summary>DropCreated and DropOpened precede the mints of every benchmark drop, each in its own append.</summary>
    public const int SetupEvents = 2;

    // Receipt roots (hot-drop-receipts) are recorded in the drop's stream too; the audits count the drop's claims.
    private string Events => $"(select * from \"{schema.Replace("\"", "\"\"")}\".mt_events where type <> 'drop.batch_sealed.v1') e";

    public async Task<StreamCounts> Count(string dropId, CancellationToken ct)
    {
        var all = await Query($"select stream_id, count(*), count(distinct left(id::text, 28)), coalesce(max(version), 0) from {Events} where stream_id = @p group by stream_id",
            $"drop/{dropId}", ct);
        return all.TryGetValue(dropId, out var counts) ? counts : new StreamCounts(0, 0, 0);
    }

    /// <summary>Every drop stream whose id starts with <paramref name="dropIdPrefix"/>, keyed by drop id.</summary>
    public Task<Dictionary<string, StreamCounts>> CountAll(string dropIdPrefix, CancellationToken ct) =>
        Query($"select stream_id, count(*), count(distinct left(id::text, 28)), coalesce(max(version), 0) from {Events} where stream_id like @p group by stream_id",
            $"drop/{dropIdPrefix}%", ct);

    /// <summary>Size of the stored snapshot document of a drop (bytes of its JSON text), or null when there is none.</summary>
    public async Task<long?> SnapshotBytes(string dropId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select to_regclass(@t) is not null", conn);
        exists.Parameters.AddWithValue("t", $"\"{schema}\".mt_doc_actorsnapshot");
        if (await exists.ExecuteScalarAsync(ct) is not true) return null;

        await using var cmd = new NpgsqlCommand($"select octet_length(data::text) from \"{schema}\".mt_doc_actorsnapshot where id = @id", conn);
        cmd.Parameters.AddWithValue("id", $"drop/{dropId}");
        return await cmd.ExecuteScalarAsync(ct) is int bytes ? bytes : null;
    }

    public async Task<AppendCycles?> Cycles(string dropId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            with appends as (
                select min(version) as first, count(*) as events, min(timestamp) as at
                from {Events} where stream_id = @p group by left(id::text, 28)),
            mints as (
                select events, extract(epoch from at - lag(at) over (order by first)) * 1000 as gap
                from appends where first > {SetupEvents})
            select percentile_cont(0.5) within group (order by events),
                   percentile_cont(0.5) within group (order by gap),
                   percentile_cont(0.9) within group (order by gap)
            from mints where gap is not null
            """, conn);
        cmd.Parameters.AddWithValue("p", $"drop/{dropId}");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) return null;
        return new AppendCycles(Math.Round(reader.GetDouble(0), 1), Math.Round(reader.GetDouble(1), 2), Math.Round(reader.GetDouble(2), 2));
    }

    private async Task<Dictionary<string, StreamCounts>> Query(string sql, string parameter, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("p", parameter);
        cmd.CommandTimeout = 300;
        var result = new Dictionary<string, StreamCounts>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetString(0)["drop/".Length..]] = new StreamCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return result;
    }
}
