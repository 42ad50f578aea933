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
    private readonly string _schema = store.Options.Events.DatabaseSchemaName;

    /// <summary>Events after <paramref name="after"/> up to <paramref name="through"/> (the stream's end when null).</summary>
    public async Task<LiveRead> Read(string dropId, long after, long? through, CancellationToken ct = default)
    {
        var key = $"drop/{dropId}";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        await using var head = Command(connection, $"select version from {_schema}.mt_streams where id = @k", key);
        var stored = await head.ExecuteScalarAsync(ct) is long v ? v : 0;
        var version = Math.Min(stored, through ?? long.MaxValue);
        if (version <= after) return new LiveRead(version, [], null);

        await using var points = Command(connection, $"""
            select e.version, e.type, e.timestamp, case when e.type = @created then e.data::text end, m.version, m.data::text
            from {_schema}.mt_events e
            left join lateral (
              select b.version, b.data from {_schema}.mt_events b
              where b.stream_id = e.stream_id and b.type = @mint and b.version < e.version
              order by b.version desc limit 1) m on true
            where e.stream_id = @k and e.version > @after and e.version <= @v and e.type <> @mint
            order by e.version
            """, key, after, version);
        var found = new List<LivePoint>();
        await using (var reader = await points.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                found.Add(new LivePoint(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                    reader.IsDBNull(3) ? null : Supply(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : Mint(reader.GetInt64(4), reader.GetString(5))));

        await using var last = Command(connection, $"""
            select version, data::text from {_schema}.mt_events
            where stream_id = @k and type = @mint and version <= @v order by version desc limit 1
            """, key, after, version);
        LiveMint? lastMint = null;
        await using (var reader = await last.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) lastMint = Mint(reader.GetInt64(0), reader.GetString(1));
        return new LiveRead(version, found, lastMint);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string key, long after = 0, long version = 0)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("mint", MintAlias);
        command.Parameters.AddWithValue("created", CreatedAlias);
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
