using System.Collections.Concurrent;
using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MicroEvents.Feeds;
using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Group commit across streams. A hot drop already batches its own claims into one append; this does
/// the same for many quiet streams: appends that arrive while a transaction is in flight are written
/// together in the next one, one round trip, straight into Marten's own event tables (Marten reads
/// the rows back as its own), on the journal's own connections (<see cref="CommitConnections"/>). When
/// many appends wait, a second transaction starts beside the first; a stream is in at most one. Each
/// stream's version still moves only from expected to expected + n, so an append whose stream moved on
/// is refused alone, without failing its neighbours.
/// </summary>
internal sealed class AppendQueue
{
    private const string Tenant = "*DEFAULT*";
    private const int MaxEventsPerCommit = 5_000;
    // A second commit starts while one is in flight only for this many waiting appends: a load of many quiet streams
    // (a hundred one-mint appends a commit) left one PostgreSQL backend busy and a core idle, while a hot actor's load
    // (one append a commit, its claims inside) would only split into smaller, dearer commits (issue #30).
    private const int SecondCommitFrom = 32;
    internal const int MaxCommitsInFlight = 2;

    private readonly IDocumentStore _store;
    private readonly CommittedEvents? _committed;
    private readonly string _sql;
    private readonly CommitConnections _connections;
    private readonly ILogger _log;
    // A null entry only wakes the loop: a commit ended, so appends waiting for it may go.
    private readonly Channel<PendingAppend?> _queue = Channel.CreateUnbounded<PendingAppend?>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<Type, (string Alias, string DotNetType)> _types = new();
    private readonly StreamStatistics _statistics;
    // The streams of the commits in flight, and how many commits: a stream is in at most one.
    private readonly HashSet<string> _inFlight = [];
    private int _commitsInFlight;

    // The rows as numbered, for this silo's readers (CommittedEvents); a won stream's row has a null sequence.
    private const string NumberedRows =
        "select id, null::bigint, null::bigint, null::timestamptz from won union all select stream_id, seq_id, version, timestamp from written";

    public AppendQueue(IDocumentStore store, CommittedEvents? committed = null, ILogger? log = null)
    {
        _store = store;
        _committed = committed;
        _log = log ?? NullLogger.Instance;
        _statistics = new StreamStatistics(store);
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
        // Wakes Marten's async daemon (projections) at commit, as Marten's own appends do (see DaemonPace).
        if (((StoreOptions)store.Options).Projections.All.Count > 0)
            _sql += $";\nselect pg_notify('{Marten.Events.Daemon.HighWater.PostgresqlListenWakeup.DefaultChannel}', '')";
        _connections = new CommitConnections((store as JournalDocumentStore
            ?? throw new ArgumentException("The journal commits through a store made by JournalStore.Create", nameof(store))).ConnectionString, MaxCommitsInFlight);
        _ = Task.Run(CommitLoop);
    }

    /// <summary>Commits the events, or returns false (writing nothing) when the stream is not at <paramref name="expectedVersion"/>.</summary>
    public Task<bool> Append(string streamKey, long expectedVersion, IReadOnlyList<SerializedEvent> events, Guid batch, CancellationToken ct = default)
    {
        // Serialised by the caller, so the commit loop only talks to PostgreSQL.
        var rows = new AppendRow[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (alias, dotNetType) = TypeNames(events[i].Event.GetType());
            rows[i] = new AppendRow(AppendBatch.EventId(batch, i), expectedVersion + i + 1, events[i].Json, alias, dotNetType, events[i].CorrelationId, events[i].Event);
        }
        var pending = new PendingAppend(streamKey, expectedVersion, rows, ct);
        _queue.Writer.TryWrite(pending);
        return pending.Done;
    }

    private async Task CommitLoop()
    {
        // Drained from the channel, not yet in a commit.
        var waiting = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (_queue.Reader.TryRead(out var p))
                if (p is not null) waiting.Add(p);
            // Woken again by the next append, or when a commit in flight ends.
            var commits = Volatile.Read(ref _commitsInFlight);
            if (commits > 0 && (commits == MaxCommitsInFlight || waiting.Count < SecondCommitFrom)) continue;
            var batch = TakeBatch(waiting);
            if (batch.Count == 0) continue;
            Interlocked.Increment(ref _commitsInFlight);
            _ = CommitInFlight(batch);
        }
    }

    /// <summary>
    /// The next commit's appends, taken out of <paramref name="waiting"/>: a stream appears once per transaction and not
    /// while a commit in flight holds it (two activations racing go one after the other), so its appends stay in order.
    /// </summary>
    private List<PendingAppend> TakeBatch(List<PendingAppend> waiting)
    {
        var batch = new List<PendingAppend>();
        var events = 0;
        lock (_inFlight)
            waiting.RemoveAll(p =>
            {
                if (events >= MaxEventsPerCommit || !_inFlight.Add(p.StreamKey)) return false;
                batch.Add(p);
                events += p.Rows.Length;
                return true;
            });
        return batch;
    }

    private async Task CommitInFlight(List<PendingAppend> batch)
    {
        try
        {
            await CommitShared(batch);
        }
        finally
        {
            lock (_inFlight)
                foreach (var p in batch) _inFlight.Remove(p.StreamKey);
            Interlocked.Decrement(ref _commitsInFlight);
            _queue.Writer.TryWrite(null);
        }
    }

    /// <summary>
    /// One statement for every stream in the batch. If PostgreSQL refuses it for good (one stream's
    /// rows are bad), nothing of it was stored: each stream is then written on its own, so only the
    /// bad one fails and its neighbours still commit.
    /// </summary>
    private async Task CommitShared(List<PendingAppend> batch)
    {
        if (batch.Count == 0) return;
        var failure = await Commit(batch);
        if (failure is null) return;
        if (batch.Count > 1 && StorageFault.Classify(failure) == StorageFaultKind.Refused)
        {
            foreach (var p in batch)
                if (await Commit([p]) is { } own) Settle([p], null, own);
            return;
        }
        // Whether it committed is unknown: each caller checks its own stream (see EventJournal.Append).
        Settle(batch, null, failure);
    }

    /// <summary>
    /// Answers the callers of one commit from one thread-pool work item: a commit of 200 one-event appends then
    /// wakes the pool once, not 200 times, and no caller's continuation runs on the commit loop.
    /// </summary>
    private static void Settle(List<PendingAppend> batch, HashSet<string>? won, Exception? failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            foreach (var p in s.batch)
                if (s.failure is not null) p.Failed(s.failure);
                else p.Committed(s.won!.Contains(p.StreamKey));
        }, (batch, won, failure), preferLocal: false);

    private async Task<Exception?> Commit(List<PendingAppend> batch)
    {
        try
        {
            var statement = AppendStatement.Of(batch);
            await using var connection = _connections.Create();
            await connection.OpenAsync();
            // One statement, committed on its own: one round trip per commit.
            await using var command = new NpgsqlCommand(_sql, connection);
            statement.Bind(command.Parameters);
            // Prepared once per pooled connection: the statement is parsed and analysed once, not on every commit.
            await command.PrepareAsync();

            var won = new HashSet<string>();
            var rows = _committed is null ? null : new List<(string Stream, long Sequence, long Version, DateTimeOffset At)>(statement.Rows);
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    if (rows is null || reader.IsDBNull(1)) won.Add(reader.GetString(0));
                    else rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
            if (rows is not null) Publish(batch, rows);
            Settle(batch, won, null);
            _statistics.Created(CreatedStreams(batch, won));
            return null;
        }
        catch (Exception e) when (_connections.KeepChecksAfter(e))
        {
            _log.LogInformation("The journal's role may not set {Parameter}: every event row's foreign key to its stream is checked " +
                "(about 10 µs of PostgreSQL per stream in a commit). A superuser, or GRANT SET ON PARAMETER {Parameter} TO the role, lets the journal skip it",
                StreamForeignKey.Parameter, StreamForeignKey.Parameter);
            return await Commit(batch);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static int CreatedStreams(List<PendingAppend> batch, HashSet<string> won)
    {
        var created = 0;
        foreach (var p in batch)
            if (p.ExpectedVersion == 0 && won.Contains(p.StreamKey)) created++;
        return created;
    }

    /// <summary>Hands the committed events, decoded already (they are the objects the grains raised), to this silo's readers.</summary>
    private void Publish(List<PendingAppend> batch, List<(string Stream, long Sequence, long Version, DateTimeOffset At)> numbered)
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

    private void PublishOrThrow(List<PendingAppend> batch, List<(string Stream, long Sequence, long Version, DateTimeOffset At)> numbered)
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
}
