using System.Collections.Concurrent;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Writes one append into Marten's own event tables with two statements: the stream's version moves
/// from expected to expected + n (or the stream is created), then all n events go in as one multi-row
/// insert. Marten's quick-append function inserts row by row in PL/pgSQL; for the hundreds of events
/// of a group commit this is about a third cheaper, and the rows are exactly what Marten reads back.
/// </summary>
internal sealed class BatchAppend(IDocumentStore store)
{
    private const string Tenant = "*DEFAULT*";
    private readonly string _schema = store.Options.Events.DatabaseSchemaName;
    private readonly ConcurrentDictionary<Type, (string Alias, string DotNetType)> _types = new();

    /// <summary>Commits the events, or returns false (writing nothing) when the stream is not at <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> Commit(string streamKey, long expectedVersion, IReadOnlyList<object> events,
        Func<object, string?> correlationOf, Guid batch, CancellationToken ct)
    {
        var n = events.Count;
        var (ids, data, types, dotNetTypes, correlations) = (new Guid[n], new string[n], new string[n], new string[n], new string?[n]);
        var serializer = store.Options.Serializer();
        for (var i = 0; i < n; i++)
        {
            var (alias, dotNetType) = TypeNames(events[i].GetType());
            (ids[i], data[i], types[i], dotNetTypes[i], correlations[i]) =
                (AppendBatch.EventId(batch, i), serializer.ToJson(events[i]), alias, dotNetType, correlationOf(events[i]));
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        await using (var stream = new NpgsqlCommand(expectedVersion == 0
            ? $"insert into {_schema}.mt_streams (id, version, timestamp, tenant_id) values (@key, @version, now(), '{Tenant}') on conflict do nothing"
            : $"update {_schema}.mt_streams set version = @version, timestamp = now() where id = @key and version = @expected", connection, tx))
        {
            stream.Parameters.AddWithValue("key", streamKey);
            stream.Parameters.AddWithValue("version", expectedVersion + n);
            stream.Parameters.AddWithValue("expected", expectedVersion);
            if (await stream.ExecuteNonQueryAsync(ct) == 0) return false; // someone else moved the stream; roll back
        }

        await using (var insert = new NpgsqlCommand(
            $"""
             insert into {_schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id)
             select nextval('{_schema}.mt_events_sequence'), e.id, @key, @expected + e.n, e.data, e.type, '{Tenant}', now(), e.dotnet, false, e.corr
             from unnest(@ids, @data, @types, @dotnet, @corr) with ordinality as e(id, data, type, dotnet, corr, n)
             order by e.n
             """, connection, tx))
        {
            insert.Parameters.AddWithValue("key", streamKey);
            insert.Parameters.AddWithValue("expected", expectedVersion);
            insert.Parameters.AddWithValue("ids", ids);
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = data });
            insert.Parameters.AddWithValue("types", types);
            insert.Parameters.AddWithValue("dotnet", dotNetTypes);
            insert.Parameters.Add(new NpgsqlParameter("corr", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = correlations });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    // Marten's own names for the type (its alias and .NET type name), so Marten reads these rows back as its own.
    private (string, string) TypeNames(Type type) => _types.GetOrAdd(type, t =>
    {
        var mapping = ((DocumentStore)store).Events.EventMappingFor(t);
        return (mapping.EventTypeName, mapping.DotNetTypeName);
    });
}
