using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>One event of a drop stream as stored: its version, alias and, for mints, claim id and token number.</summary>
public sealed record StoredEvent(long Version, string Type, string? ClaimId, long? TokenNumber);

/// <summary>
/// The drops' streams read straight from <c>&lt;schema&gt;.mt_events</c>, bypassing grains, gateway and
/// snapshots: what an analyst replaying the streams would find.
/// </summary>
public sealed class StoredClaims(string connectionString, string schema)
{
    public const string MintAlias = "drop.token_minted.v1";

    private string Table(string name) => $"\"{schema.Replace("\"", "\"\"")}\".{name}";

    /// <summary>Every drop stream, keyed by drop id, its events in version order.</summary>
    public async Task<Dictionary<string, List<StoredEvent>>> DropStreams(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            $"select stream_id, version, type, data->>'claimId', (data->>'tokenNumber')::bigint from {Table("mt_events")} " +
            "where stream_id like 'drop/%' order by stream_id, version", conn) { CommandTimeout = 300 };
        var streams = new Dictionary<string, List<StoredEvent>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var drop = reader.GetString(0)["drop/".Length..];
            if (!streams.TryGetValue(drop, out var events)) streams[drop] = events = [];
            events.Add(new StoredEvent(reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }
        return streams;
    }

    /// <summary>Streams Marten knows whose key starts with <paramref name="prefix"/> (mt_streams, not only events).</summary>
    public async Task<long> StreamsStartingWith(string prefix, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"select count(*) from {Table("mt_streams")} where id like @p", conn);
        cmd.Parameters.AddWithValue("p", prefix + "%");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
