using MicroEvents.Drops;
using System.Reflection;
using System.Text.Json;
using Marten;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using Npgsql;

namespace MicroEvents.Live;

/// <summary>
/// Reads a stretch of a drop's stream for the live feed with plain SQL on Marten's tables (index range
/// scans on stream and version). Cost follows the number of lifecycle events, not of mints.
/// </summary>
public sealed class LiveReader(IDocumentStore store)
{
    private static readonly string MintAlias = typeof(TokenMinted).GetCustomAttribute<EventAliasAttribute>()!.Alias;
    private static readonly string CreatedAlias = typeof(DropCreated).GetCustomAttribute<EventAliasAttribute>()!.Alias;

    /// <summary>The events that change what the feed shows; any other event (receipt seals …) only moves the version.</summary>
    private static readonly string[] Shown = [.. LiveState.Phases.Keys, LiveState.ReleasedAlias];
    private readonly string _schema = store.Options.Events.DatabaseSchemaName;

    /// <summary>Events after <paramref name="after"/> up to <paramref name="through"/> (the stream's end when null).</summary>
    public async Task<LiveRead> Read(string dropId, long after, long? through, CancellationToken ct = default)
    {
        var key = DropStream.Key(dropId);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        await using var head = Command(connection, $"select version from {_schema}.mt_streams where id = @k", key);
        var stored = await head.ExecuteScalarAsync(ct) is long v ? v : 0;
        var version = Math.Min(stored, through ?? long.MaxValue);
        if (version <= after) return new LiveRead(version, [], null);

        // One range scan of the stretch: mints are only counted (a window count), the few events that change
        // the feed come back with the count of mints before them and the last mint before them.
        await using var points = Command(connection, $"""
            with stretch as (
              select e.version, e.type, e.timestamp, e.data,
                count(*) filter (where e.type = @mint) over (order by e.version rows between unbounded preceding and 1 preceding) as mints_before,
                count(*) filter (where e.type = @mint) over () as mints
              from {_schema}.mt_events e
              where e.stream_id = @k and e.version > @after and e.version <= @v)
            select s.version, s.type, s.timestamp, case when s.type = @created then s.data::text end, m.version, m.data::text, s.mints_before, s.mints
            from stretch s
            left join lateral (
              select b.version, b.data from {_schema}.mt_events b
              where b.stream_id = @k and b.type = @mint and b.version < s.version
              order by b.version desc limit 1) m on s.type = any(@shown)
            where s.type = any(@shown) or s.version = @v
            order by s.version
            """, key, after, version);
        var found = new List<LivePoint>();
        long mints = 0;
        await using (var reader = await points.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                mints = reader.GetInt64(7);
                if (!Shown.Contains(reader.GetString(1))) continue;
                found.Add(new LivePoint(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : Supply(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : Mint(reader.GetInt64(4), reader.GetString(5)), reader.GetInt64(6)));
            }

        await using var last = Command(connection, $"""
            select version, data::text from {_schema}.mt_events
            where stream_id = @k and type = @mint and version <= @v order by version desc limit 1
            """, key, after, version);
        LiveMint? lastMint = null;
        await using (var reader = await last.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) lastMint = Mint(reader.GetInt64(0), reader.GetString(1));
        return new LiveRead(version, found, lastMint, mints);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string key, long after = 0, long version = 0)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("mint", MintAlias);
        command.Parameters.AddWithValue("created", CreatedAlias);
        command.Parameters.AddWithValue("shown", Shown);
        return command;
    }

    private static long Supply(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("supply").GetInt64();
    }

    private static LiveMint Mint(long version, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var tier = root.TryGetProperty("tier", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new LiveMint(version, new Live.LiveToken(root.GetProperty("tokenNumber").GetInt64(), tier, root.GetProperty("claimedAt").GetDateTimeOffset()));
    }
}
