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
    private string? _pageUpsert;

    public async Task<(TState State, long Version, int Pages)?> Load<TState>(string streamKey, string stateType, JsonSerializerOptions json, ILogger log, CancellationToken ct)
        where TState : class
    {
        ActorSnapshot? snapshot;
        IReadOnlyList<ActorSnapshot> pages = [];
        try
        {
            await using var session = store.QuerySession();
            snapshot = await session.LoadAsync<ActorSnapshot>(streamKey, ct);
            if (snapshot is null) return null;
            // The shape first: the first start after a snapshot's shape changed must not read a big drop's pages to drop them.
            if (snapshot.StateType != stateType || snapshot.Id != streamKey || snapshot.Version < 1)
            {
                log.LogInformation("Snapshot of {Stream} is of another shape ({Type}); folding the stream instead", streamKey, snapshot.StateType);
                return null;
            }
            if (snapshot.Pages > 0 && SnapshotPages<TState>.Restore is not null)
                pages = await session.LoadManyAsync<ActorSnapshot>(ct, Enumerable.Range(0, snapshot.Pages).Select(k => PageId(streamKey, k)));
        }
        catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Refused)
        {
            log.LogWarning(e, "Snapshot of {Stream} is unreadable; folding the stream instead", streamKey);
            return null;
        }
        if (snapshot.Pages > 0 && !PagesFit(streamKey, snapshot, pages, stateType, log)) return null;
        try
        {
            var state = snapshot.Pages > 0
                ? SnapshotPages<TState>.Restore!(snapshot.State, InOrder(pages, streamKey), json)
                : snapshot.State.Deserialize<TState>(json);
            if (state is not null) return (state, snapshot.Version, snapshot.Pages);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Snapshot of {Stream} at v{Version} cannot be read; folding the stream instead", streamKey, snapshot.Version);
            return null;
        }
        log.LogWarning("Snapshot of {Stream} at v{Version} is empty; folding the stream instead", streamKey, snapshot.Version);
        return null;
    }

    // Every page the head stands on, of this state's shape (a missing page, e.g. a write that never landed, means fold).
    private static bool PagesFit(string streamKey, ActorSnapshot head, IReadOnlyList<ActorSnapshot> pages, string stateType, ILogger log)
    {
        var found = pages.Count(p => p.StateType == PageType(stateType));
        if (found == head.Pages) return true;
        log.LogWarning("Snapshot of {Stream} at v{Version} stands on {Pages} pages, {Found} of them readable; folding the stream instead",
            streamKey, head.Version, head.Pages, found);
        return false;
    }

    private static List<JsonElement> InOrder(IReadOnlyList<ActorSnapshot> pages, string streamKey)
    {
        var byId = pages.ToDictionary(p => p.Id);
        return [.. Enumerable.Range(0, byId.Count).Select(k => byId[PageId(streamKey, k)].State)];
    }

    /// <summary>A page's document id: the stream's snapshot id and the page's number.</summary>
    public static string PageId(string streamKey, int page) => $"{streamKey}#page-{page}";

    private static string PageType(string stateType) => stateType + ".page";

    /// <summary>
    /// Writes the <see cref="ActorSnapshot"/> document of a state, serialised once straight into UTF-8 (issue #30: the state
    /// went to a <c>JsonElement</c>, was parsed back, then the document was serialised again to a UTF-16 string, three copies
    /// of a drop's several MB every snapshot). The document is the one Marten's serializer writes (camelCase names), so
    /// <see cref="Load{TState}"/> reads it as before. A paged state's pages from <paramref name="pagesStored"/> on are
    /// written first, in the same transaction: the head never stands on a page that is not there.
    /// </summary>
    public async Task Save(string streamKey, long version, string stateType, Action<Utf8JsonWriter> writeState, DateTimeOffset takenAt,
        ISnapshotPages? paged, int pagesStored, CancellationToken ct)
    {
        var pages = paged?.FullPages ?? 0;
        var documents = new List<(string Id, PooledUtf8 Json, bool Page)>();
        try
        {
            for (var k = Math.Min(pagesStored, pages); k < pages; k++)
                documents.Add((PageId(streamKey, k), Document(PageId(streamKey, k), version, PageType(stateType), 0, w => paged!.WritePage(k, w), takenAt), true));
            documents.Add((streamKey, Document(streamKey, version, stateType, pages, writeState, takenAt), false));

            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (id, json, page) in documents)
            {
                var command = new NpgsqlBatchCommand(page ? _pageUpsert ??= UpsertSql(onlyNewer: false) : _upsert ??= UpsertSql(onlyNewer: true));
                command.Parameters.AddWithValue("id", id);
                // jsonb takes UTF-8 bytes as they are: no string in between.
                command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("data", NpgsqlTypes.NpgsqlDbType.Jsonb) { TypedValue = json.Written });
                command.Parameters.AddWithValue("type", typeof(ActorSnapshot).FullName!);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            foreach (var (_, json, _) in documents) json.Dispose();
        }
    }

    private static PooledUtf8 Document(string id, long version, string stateType, int pages, Action<Utf8JsonWriter> writeState, DateTimeOffset takenAt)
    {
        var document = new PooledUtf8(64 * 1024);
        using var writer = new Utf8JsonWriter(document);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteNumber("version", version);
        writer.WriteString("stateType", stateType);
        if (pages > 0) writer.WriteNumber("pages", pages);
        writer.WritePropertyName("state");
        writeState(writer);
        writer.WriteString("takenAt", takenAt);
        writer.WriteEndObject();
        writer.Flush();
        return document;
    }

    /// <summary>
    /// Snapshot rows are 60–230 KB of JSON, a page written per thousand mints of a hot drop, and PostgreSQL compressed each
    /// with pglz: 2.7 ms of its CPU a page, 2.6 µs a claim under sustained load (issue #30). lz4 does it in a fraction
    /// of that. Set on the column, so it holds for every writer of the table; a server built without lz4 keeps pglz,
    /// and rows already stored stay as they are until rewritten.
    /// </summary>
    public static async Task CompressWithLz4(IDocumentStore store, CancellationToken ct = default)
    {
        var table = Table(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            do $$ begin
              if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals))
                 and (select attcompression from pg_attribute where attrelid = '{table}'::regclass and attname = 'data') <> 'l' then
                alter table {table} alter column data set compression lz4;
              end if;
            end $$
            """;
        await command.ExecuteNonQueryAsync(ct);
    }

    // Marten's table name for the document type: mt_doc_ + the type name in lower case.
    private static string Table(IDocumentStore store) => $"{store.Options.DatabaseSchemaName}.mt_doc_{nameof(ActorSnapshot).ToLowerInvariant()}";

    // Marten owns the table; this writes its row directly so the version check and the write are one statement. A head
    // never replaces a newer one (an older activation finishing late); a full page is the same whoever writes it.
    private string UpsertSql(bool onlyNewer)
    {
        return $"""
            insert into {Table(store)} as d (id, data, mt_last_modified, mt_version, mt_dotnet_type)
            values (@id, @data, now(), gen_random_uuid(), @type)
            on conflict (id) do update set data = excluded.data, mt_last_modified = excluded.mt_last_modified,
              mt_version = excluded.mt_version, mt_dotnet_type = excluded.mt_dotnet_type
            {(onlyNewer ? "where (d.data ->> 'version')::bigint < (excluded.data ->> 'version')::bigint" : "")}
            """;
    }
}

/// <summary>How a paged state is restored, found once per state type: null for a state snapshotted whole.</summary>
internal static class SnapshotPages<TState> where TState : class
{
    public static readonly Func<JsonElement, IReadOnlyList<JsonElement>, JsonSerializerOptions, TState>? Restore =
        typeof(TState).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPagedSnapshot<>) && i.GenericTypeArguments[0] == typeof(TState))
            ? typeof(SnapshotPages<TState>).GetMethod(nameof(FromPages), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(typeof(TState)).CreateDelegate<Func<JsonElement, IReadOnlyList<JsonElement>, JsonSerializerOptions, TState>>()
            : null;

    private static TPaged FromPages<TPaged>(JsonElement head, IReadOnlyList<JsonElement> pages, JsonSerializerOptions json)
        where TPaged : class, IPagedSnapshot<TPaged> => TPaged.FromPages(head, pages, json);
}
