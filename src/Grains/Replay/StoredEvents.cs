using Marten;
using MicroEvents.Events;
using NpgsqlTypes;

namespace MicroEvents.Replay;

/// <summary>The stored events at given global sequences, read with plain SQL from Marten's <c>mt_events</c> as the export reads them.</summary>
public sealed class StoredEvents(IDocumentStore store)
{
    public async Task<IReadOnlyDictionary<long, ExportedEvent>> At(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            select seq_id, stream_id, version, timestamp, type, correlation_id, data::text
            from {store.Options.Events.DatabaseSchemaName}.mt_events where seq_id = any(@sequences)
            """;
        command.Parameters.AddWithValue("sequences", NpgsqlDbType.Array | NpgsqlDbType.Bigint, sequences.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new Dictionary<long, ExportedEvent>(sequences.Count);
        while (await reader.ReadAsync(ct))
            found[reader.GetInt64(0)] = new ExportedEvent(
                reader.GetString(1), reader.GetInt64(2), reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
        return found;
    }

    /// <summary>What differs between an exported line and the stored event at its sequence; null when identical.</summary>
    public static string? Difference(ExportedEvent file, ExportedEvent? stored)
    {
        if (stored is null) return $"no stored event has sequence {file.Sequence}";
        var differences = new List<string>();
        if (file.Stream != stored.Stream) differences.Add($"stream is {file.Stream} in the file but {stored.Stream} stored");
        if (file.Version != stored.Version) differences.Add($"version is {file.Version} in the file but {stored.Version} stored");
        if (file.Timestamp != stored.Timestamp) differences.Add($"timestamp is {file.Timestamp:O} in the file but {stored.Timestamp:O} stored");
        if (file.Alias != stored.Alias) differences.Add($"alias is {file.Alias} in the file but {stored.Alias} stored");
        if (file.CorrelationId != stored.CorrelationId) differences.Add($"correlationId is {file.CorrelationId ?? "null"} in the file but {stored.CorrelationId ?? "null"} stored");
        if (file.DataJson != stored.DataJson)
        {
            using var a = System.Text.Json.JsonDocument.Parse(file.DataJson);
            using var b = System.Text.Json.JsonDocument.Parse(stored.DataJson);
            if (JsonDifference.Find(a.RootElement, b.RootElement) is { } data) differences.Add("data." + data);
        }
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }
}
