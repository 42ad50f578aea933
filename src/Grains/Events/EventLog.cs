using System.Runtime.CompilerServices;
using System.Text;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace MicroEvents.Events;

/// <summary>
/// Every actor's events in global sequence order, read with plain SQL from Marten's <c>mt_events</c>
/// (the journal writes those rows itself). Keyset pagination on <c>seq_id</c>: each page is one
/// indexed query that starts after the last sequence read, so an export of any size holds one page
/// in memory and can be resumed from any sequence.
/// </summary>
public sealed class EventLog(IDocumentStore store)
{
    public const int DefaultPage = 5_000;

    public async Task<IReadOnlyList<ExportedEvent>> Page(EventFilter filter, int limit, CancellationToken ct = default)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = Query(connection, filter, limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var page = new List<ExportedEvent>(Math.Min(limit, DefaultPage));
        while (await reader.ReadAsync(ct))
            page.Add(new ExportedEvent(
                reader.GetString(1), reader.GetInt64(2), reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6)));
        return page;
    }

    /// <summary>Every matching event, page by page; <see cref="EventFilter.After"/> moves on with each page.</summary>
    public async IAsyncEnumerable<ExportedEvent> ReadAll(EventFilter filter, int pageSize = DefaultPage, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            var page = await Page(filter, pageSize, ct);
            foreach (var e in page) yield return e;
            if (page.Count < pageSize) yield break;
            filter = filter with { After = page[^1].Sequence };
        }
    }

    private NpgsqlCommand Query(NpgsqlConnection connection, EventFilter filter, int limit)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder($"""
            select seq_id, stream_id, version, timestamp, type, correlation_id, data::text
            from {store.Options.Events.DatabaseSchemaName}.mt_events where seq_id > @after
            """);
        command.Parameters.AddWithValue("after", filter.After);
        if (filter.Through is { } through) Where(" and seq_id <= @through", "through", through, NpgsqlDbType.Bigint);
        if (filter.Stream is { } stream) Where(" and stream_id = @stream", "stream", stream, NpgsqlDbType.Varchar);
        // Kinds are validated slugs, so they need no LIKE escaping.
        if (filter.Kind is { } kind) Where(" and stream_id like @kind", "kind", kind + "/%", NpgsqlDbType.Varchar);
        if (filter.Alias is { } alias) Where(" and type = @alias", "alias", alias, NpgsqlDbType.Varchar);
        if (filter.Aliases is { } aliases) Where(" and type = any(@aliases)", "aliases", aliases.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Varchar);
        if (filter.From is { } from) Where(" and timestamp >= @from", "from", from, NpgsqlDbType.TimestampTz);
        if (filter.To is { } to) Where(" and timestamp < @to", "to", to, NpgsqlDbType.TimestampTz);
        sql.Append(" order by seq_id limit @limit");
        command.Parameters.AddWithValue("limit", limit);
        command.CommandText = sql.ToString();
        return command;

        void Where(string clause, string name, object value, NpgsqlDbType type)
        {
            sql.Append(clause);
            command.Parameters.AddWithValue(name, type, value);
        }
    }
}
