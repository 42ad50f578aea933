using System.Collections.Concurrent;
using System.Threading.Channels;
using Marten;
using MicroEvents.Feeds;
using NpgsqlTypes;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Group commit across streams. A hot drop already batches its own claims into one append; this does
/// the same for many quiet streams: appends that arrive while a transaction is in flight are written
/// together in the next one, one round trip, straight into Marten's own event tables (Marten reads
/// the rows back as its own). Each stream's version still moves only from expected to expected + n,
/// so an append whose stream moved on is refused alone, without failing its neighbours.
/// </summary>
internal sealed class AppendQueue
{
    private const string Tenant = "*DEFAULT*";
    private const int MaxEventsPerCommit = 5_000;

    private readonly IDocumentStore _store;
    private readonly CommittedEvents? _committed;
    private readonly string _sql;
    // A null entry only wakes the loop for appends it deferred.
    private readonly Channel<Pending?> _queue = Channel.CreateUnbounded<Pending?>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<Type, (string Alias, string DotNetType)> _types = new();

    // The rows as numbered, for this silo's readers (CommittedEvents); a won stream's row has a null sequence.
    private const string NumberedRows =
        "select id, null::bigint, null::bigint, null::timestamptz from won union all select stream_id, seq_id, version, timestamp from written";

    public AppendQueue(IDocumentStore store, CommittedEvents? committed = null)
    {
        _store = store;
        _committed = committed;
        var s = store.Options.Events.DatabaseSchemaName;
        // One statement: create new streams, move existing ones that are still at their expected
        // version, and insert the events of exactly those streams.
        _sql = $"""
            with created as (
              insert into {s}.mt_streams (id, version, timestamp, tenant_id)
              select k, v, now(), '{Tenant}' from unnest(@new_keys, @new_versions) as n(k, v)
              on conflict do nothing returning id),
            moved as (
              update {s}.mt_streams s set version = m.v, timestamp = now()
              from unnest(@keys, @expected, @versions) as m(k, e, v)
              where s.id = m.k and s.version = m.e returning s.id),
            won as (select id from created union all select id from moved),
            written as (
              insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id)
              select nextval('{s}.mt_events_sequence'), e.id, e.stream, e.version, e.data, e.type, '{Tenant}', now(), e.dotnet, false, e.corr
              from unnest(@ids, @streams, @event_versions, @data, @types, @dotnet, @corr) with ordinality as e(id, stream, version, data, type, dotnet, corr, n)
              where e.stream in (select id from won)
              order by e.n
              returning seq_id, stream_id, version, timestamp)
            {(committed is null ? "select id from won" : NumberedRows)}
            """;
        // Wakes Marten's async daemon (projections) at commit, as Marten's own appends do.
        if (((StoreOptions)store.Options).Events.UseListenNotifyForEventAppends)
            _sql += $";\nselect pg_notify('{Marten.Events.Daemon.HighWater.PostgresqlListenWakeup.DefaultChannel}', '')";
        _ = Task.Run(CommitLoop);
    }

    /// <summary>Commits the events, or returns false (writing nothing) when the stream is not at <paramref name="expectedVersion"/>.</summary>
    public Task<bool> Append(string streamKey, long expectedVersion, IReadOnlyList<SerializedEvent> events, Guid batch)
    {
        // Serialised by the caller, so the commit loop only talks to PostgreSQL.
        var rows = new Row[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (alias, dotNetType) = TypeNames(events[i].Event.GetType());
            rows[i] = new Row(AppendBatch.EventId(batch, i), expectedVersion + i + 1, events[i].Json, alias, dotNetType, events[i].CorrelationId, events[i].Event);
        }
        var pending = new Pending(streamKey, expectedVersion, rows);
        _queue.Writer.TryWrite(pending);
        return pending.Done.Task;
    }

    private async Task CommitLoop()
    {
        var deferred = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var batch = new List<Pending>();
            var streams = new HashSet<string>();
            var events = 0;
            var candidates = deferred.Concat(Drain()).ToList();
            deferred.Clear();
            foreach (var p in candidates)
            {
                // A stream appears once per transaction (two activations racing go one after the other).
                if (events >= MaxEventsPerCommit || !streams.Add(p.StreamKey)) { deferred.Add(p); continue; }
                batch.Add(p);
                events += p.Rows.Length;
            }
            if (deferred.Count > 0) _queue.Writer.TryWrite(null);
            await CommitShared(batch);
        }
    }

    private IEnumerable<Pending> Drain()
    {
        while (_queue.Reader.TryRead(out var p))
            if (p is not null) yield return p;
    }

    /// <summary>
    /// One statement for every stream in the batch. If PostgreSQL refuses it for good (one stream's
    /// rows are bad), nothing of it was stored: each stream is then written on its own, so only the
    /// bad one fails and its neighbours still commit.
    /// </summary>
    private async Task CommitShared(List<Pending> batch)
    {
        if (batch.Count == 0) return;
        var failure = await Commit(batch);
        if (failure is null) return;
        if (batch.Count > 1 && StorageFault.Classify(failure) == StorageFaultKind.Refused)
        {
            foreach (var p in batch)
                if (await Commit([p]) is { } own) p.Done.TrySetException(own);
            return;
        }
        // Whether it committed is unknown: each caller checks its own stream (see EventJournal.Append).
        foreach (var p in batch) p.Done.TrySetException(failure);
    }

    private async Task<Exception?> Commit(List<Pending> batch)
    {
        try
        {
            var fresh = batch.Where(p => p.ExpectedVersion == 0).ToList();
            var existing = batch.Where(p => p.ExpectedVersion > 0).ToList();
            var rows = batch.SelectMany(p => p.Rows.Select(r => (p.StreamKey, Row: r))).ToList();

            await using var connection = _store.Storage.Database.CreateConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = _sql;
            command.Parameters.AddWithValue("new_keys", fresh.Select(p => p.StreamKey).ToArray());
            command.Parameters.AddWithValue("new_versions", fresh.Select(p => (long)p.Rows.Length).ToArray());
            command.Parameters.AddWithValue("keys", existing.Select(p => p.StreamKey).ToArray());
            command.Parameters.AddWithValue("expected", existing.Select(p => p.ExpectedVersion).ToArray());
            command.Parameters.AddWithValue("versions", existing.Select(p => p.ExpectedVersion + p.Rows.Length).ToArray());
            command.Parameters.AddWithValue("ids", rows.Select(r => r.Row.Id).ToArray());
            command.Parameters.AddWithValue("streams", rows.Select(r => r.StreamKey).ToArray());
            command.Parameters.AddWithValue("event_versions", rows.Select(r => r.Row.Version).ToArray());
            command.Parameters.AddWithValue("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, rows.Select(r => r.Row.Data).ToArray());
            command.Parameters.AddWithValue("types", rows.Select(r => r.Row.Type).ToArray());
            command.Parameters.AddWithValue("dotnet", rows.Select(r => r.Row.DotNetType).ToArray());
            command.Parameters.AddWithValue("corr", NpgsqlDbType.Array | NpgsqlDbType.Varchar, rows.Select(r => r.Row.CorrelationId).ToArray());

            var won = new HashSet<string>();
            var numbered = _committed is null ? null : new List<(string Stream, long Sequence, long Version, DateTimeOffset At)>(rows.Count);
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    if (numbered is null || reader.IsDBNull(1)) won.Add(reader.GetString(0));
                    else numbered.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));

            if (numbered is not null) Publish(batch, numbered);
            foreach (var p in batch) p.Done.TrySetResult(won.Contains(p.StreamKey));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Hands the committed events, decoded already (they are the objects the grains raised), to this silo's readers.</summary>
    private void Publish(List<Pending> batch, List<(string Stream, long Sequence, long Version, DateTimeOffset At)> numbered)
    {
        try
        {
            PublishOrThrow(batch, numbered);
        }
        catch (Exception)
        {
            // The append is committed whatever happens here; failing it now would refuse stored events. Unpublished
            // events are a gap to the readers, which they read from PostgreSQL.
        }
    }

    private void PublishOrThrow(List<Pending> batch, List<(string Stream, long Sequence, long Version, DateTimeOffset At)> numbered)
    {
        var byStream = batch.ToDictionary(p => p.StreamKey);
        var events = new List<FeedEvent>(numbered.Count);
        foreach (var (stream, sequence, version, at) in numbered)
        {
            var p = byStream[stream];
            var row = p.Rows[version - p.ExpectedVersion - 1];
            events.Add(new FeedEvent(sequence, stream, version, at, row.Event) { EventId = row.Id });
        }
        _committed!.Publish(events);
    }

    // Marten's own names for the type (its alias and .NET type name), so Marten reads these rows back as its own.
    private (string, string) TypeNames(Type type) => _types.GetOrAdd(type, t =>
    {
        var mapping = ((DocumentStore)_store).Events.EventMappingFor(t);
        return (mapping.EventTypeName, mapping.DotNetTypeName);
    });

    private sealed record Row(Guid Id, long Version, string Data, string Type, string DotNetType, string? CorrelationId, object Event);

    private sealed class Pending(string streamKey, long expectedVersion, Row[] rows)
    {
        public string StreamKey { get; } = streamKey;
        public long ExpectedVersion { get; } = expectedVersion;
        public Row[] Rows { get; } = rows;
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
