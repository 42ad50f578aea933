using System.Text.Json;
using Npgsql;
using Marten;
using Microsoft.Extensions.Logging;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Snapshots are a cache, the stream is the truth: one that cannot be read or is of another shape is
/// logged and ignored, and a save never replaces a newer snapshot (an older activation finishing late).
/// </summary>
internal sealed class SnapshotStore(IDocumentStore store)
{
    private string? _upsert;

    public async Task<(TState State, long Version)?> Load<TState>(string streamKey, string stateType, JsonSerializerOptions json, ILogger log, CancellationToken ct)
    {
        ActorSnapshot? snapshot;
        try
        {
            await using var session = store.QuerySession();
            snapshot = await session.LoadAsync<ActorSnapshot>(streamKey, ct);
        }
        catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Refused)
        {
            log.LogWarning(e, "Snapshot of {Stream} is unreadable; folding the stream instead", streamKey);
            return null;
        }
        if (snapshot is null) return null;
        if (snapshot.StateType != stateType || snapshot.Id != streamKey || snapshot.Version < 1)
        {
            log.LogInformation("Snapshot of {Stream} is of another shape ({Type}); folding the stream instead", streamKey, snapshot.StateType);
            return null;
        }
        try
        {
            var state = snapshot.State.Deserialize<TState>(json);
            if (state is not null) return (state, snapshot.Version);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Snapshot of {Stream} at v{Version} cannot be read; folding the stream instead", streamKey, snapshot.Version);
            return null;
        }
        log.LogWarning("Snapshot of {Stream} at v{Version} is empty; folding the stream instead", streamKey, snapshot.Version);
        return null;
    }

    /// <summary>
    /// Writes the <see cref="ActorSnapshot"/> document of a state, serialised once straight into UTF-8 (issue #30: the state
    /// went to a <c>JsonElement</c>, was parsed back, then the document was serialised again to a UTF-16 string, three copies
    /// of a drop's several MB every snapshot). The document is the one Marten's serializer writes (camelCase names), so
    /// <see cref="Load{TState}"/> reads it as before.
    /// </summary>
    public async Task Save(string streamKey, long version, string stateType, Action<Utf8JsonWriter> writeState, DateTimeOffset takenAt, CancellationToken ct)
    {
        using var document = new PooledUtf8(64 * 1024);
        using (var writer = new Utf8JsonWriter(document))
        {
            writer.WriteStartObject();
            writer.WriteString("id", streamKey);
            writer.WriteNumber("version", version);
            writer.WriteString("stateType", stateType);
            writer.WritePropertyName("state");
            writeState(writer);
            writer.WriteString("takenAt", takenAt);
            writer.WriteEndObject();
        }
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = _upsert ??= UpsertSql();
        command.Parameters.AddWithValue("id", streamKey);
        // jsonb takes UTF-8 bytes as they are: no string in between.
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlTypes.NpgsqlDbType.Jsonb) { TypedValue = document.Written });
        command.Parameters.AddWithValue("type", typeof(ActorSnapshot).FullName!);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Marten owns the table; this writes its row directly so the version check and the write are one statement.
    private string UpsertSql()
    {
        // Marten's table name for the document type: mt_doc_ + the type name in lower case.
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_{nameof(ActorSnapshot).ToLowerInvariant()}";
        return $"""
            insert into {table} as d (id, data, mt_last_modified, mt_version, mt_dotnet_type)
            values (@id, @data, now(), gen_random_uuid(), @type)
            on conflict (id) do update set data = excluded.data, mt_last_modified = excluded.mt_last_modified,
              mt_version = excluded.mt_version, mt_dotnet_type = excluded.mt_dotnet_type
            where (d.data ->> 'version')::bigint < (excluded.data ->> 'version')::bigint
            """;
    }
}
