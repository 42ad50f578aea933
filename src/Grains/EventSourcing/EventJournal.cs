using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MicroEvents.Text;
using Npgsql;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Every actor's event stream in Marten, keyed <c>"{kind}/{id}"</c>. The owning grain is the only
/// writer; optimistic concurrency on the stream version is the safety net when it briefly is not.
/// Storage faults are sorted by SQLSTATE: a refused append fails its commands at once and is never
/// retried; an outage opens the <see cref="Breaker"/> and the append waits for PostgreSQL, checking
/// by its batch id whether it had in fact landed, so nothing is lost or written twice.
/// </summary>
public sealed class EventJournal
{
    public const string MeterName = "MicroEvents.Journal";

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);
    private readonly IDocumentStore _store;
    private readonly IOptions<JournalOptions> _options;
    private readonly AppendInterceptor? _interceptor;
    private readonly ILogger _log;
    private readonly AppendQueue _appends;
    private readonly SnapshotStore _snapshots;
    private readonly Counter<long> _failedAppends;
    private readonly Marten.ISerializer _serializer;
    private readonly Histogram<int> _appendSize;
    private CommandDeadline _deadline = new(Task.CompletedTask, 0);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _kinds =
        new ConcurrentDictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public EventJournal(IDocumentStore store, IOptions<JournalOptions> options, AppendInterceptor? interceptor = null,
        ILogger<EventJournal>? log = null, IMeterFactory? meters = null, MicroEvents.Feeds.CommittedEvents? committed = null)
    {
        _store = store;
        _options = options;
        _interceptor = interceptor;
        _log = (ILogger?)log ?? NullLogger.Instance;
        _appends = new AppendQueue(store, committed, _log);
        _snapshots = new SnapshotStore(store);
        _serializer = store.Options.Serializer();
        Breaker = new StorageBreaker(Probe, _log);
        var meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _failedAppends = meter.CreateCounter<long>("microevents.journal.appends.failed", description: "Appends that failed, by reason (SQLSTATE or exception type)");
        _appendSize = meter.CreateHistogram<int>("microevents.journal.append.size", "{event}", "Events per committed append of one stream (group commit at work)",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] });
    }

    public int SnapshotEvery => _options.Value.SnapshotEvery;

    /// <summary>
    /// Completes when a command that starts waiting for storage now is told unavailable. One timer for every actor
    /// of the silo, renewed at most every second, instead of one per command (a hot drop confirms thousands a
    /// second) or one per actor (1,000 quiet drops started 1,000 timers a second). A command therefore waits
    /// between CommandTimeout − 1 s and CommandTimeout.
    /// </summary>
    public Task Deadline()
    {
        var current = Volatile.Read(ref _deadline);
        var now = Environment.TickCount64;
        if (!current.Expires.IsCompleted && now - current.Since <= 1_000) return current.Expires;
        // Two threads may renew at once: one wins, the other's timer fires unobserved.
        Interlocked.CompareExchange(ref _deadline, new CommandDeadline(Task.Delay(Options.CommandTimeout), now), current);
        return Volatile.Read(ref _deadline).Expires;
    }

    public JournalOptions Options => _options.Value;

    /// <summary>Open while PostgreSQL is unreachable; commands are then refused fast with <c>unavailable</c>.</summary>
    public StorageBreaker Breaker { get; }

    /// <summary>
    /// The event as it will be stored. Throws <see cref="AppendRefused"/> for a value PostgreSQL would
    /// refuse, so the command that made it fails alone instead of poisoning a shared append. A
    /// correlation id that breaks the text rules is dropped, never stored.
    /// </summary>
    public SerializedEvent Serialize(string streamKey, object @event, string? correlationId)
    {
        var json = _serializer.ToJson(@event);
        if (StorableJson.Problem(json) is { } problem)
        {
            Failed(streamKey, "unstorable-text", refused: true, problem);
            throw new AppendRefused(streamKey, "unstorable-text", $"{@event.GetType().Name} {problem}");
        }
        return new SerializedEvent(@event, json, ClientText.IsValid(correlationId, ClientText.MaxIdLength) ? correlationId : null);
    }

    public async Task<JournalRead<TState>> Read<TState, TEvent>(string streamKey, CancellationToken ct = default)
        where TState : class, IEventFold<TState, TEvent>
    {
        while (true)
        {
            await Breaker.WhenClosed.WaitAsync(ct);
            try
            {
                return await ReadOnce<TState, TEvent>(streamKey, ct);
            }
            catch (Exception e) when (StorageFault.Classify(e) == StorageFaultKind.Transient && !ct.IsCancellationRequested)
            {
                Breaker.Trip(e);
            }
        }
    }

    private async Task<JournalRead<TState>> ReadOnce<TState, TEvent>(string streamKey, CancellationToken ct)
        where TState : class, IEventFold<TState, TEvent>
    {
        var snapshot = SnapshotEvery > 0 ? await _snapshots.Load<TState>(streamKey, SnapshotType<TState>(), SnapshotJson, _log, ct) : null;
        var (state, version) = snapshot is { } s ? (s.State, s.Version) : (TState.Initial, 0L);

        await using var session = _store.QuerySession();
        var tail = await session.Events.FetchStreamAsync(streamKey, fromVersion: version + 1, token: ct);
        if (snapshot is not null && tail.Count == 0 && await StreamVersion(session, streamKey, ct) < version)
        {
            // A snapshot ahead of its stream (restored from elsewhere, or a stream reset) would make every append fail.
            _log.LogWarning("Snapshot of {Stream} at v{Version} is ahead of its stream; folding the stream instead", streamKey, version);
            (snapshot, state, version) = (null, TState.Initial, 0);
            tail = await session.Events.FetchStreamAsync(streamKey, token: ct);
        }
        foreach (var stored in tail)
        {
            state = state.Apply((TEvent)stored.Data);
            version = stored.Version;
        }
        return new JournalRead<TState>(state, version, snapshot?.Version, tail.Count) { SnapshotPages = snapshot?.Pages ?? 0 };
    }

    private static async Task<long> StreamVersion(IQuerySession session, string streamKey, CancellationToken ct) =>
        (await session.Events.FetchStreamStateAsync(streamKey, ct))?.Version ?? 0;

    /// <summary>Appends events after <paramref name="expectedVersion"/>, in the caller's words; see the serialised overload.</summary>
    public Task<bool> Append(string streamKey, long expectedVersion, IReadOnlyList<object> events,
        Func<object, string?> correlationOf, CancellationToken ct = default) =>
        Append(streamKey, expectedVersion, events.Select(e => Serialize(streamKey, e, correlationOf(e))).ToList(), ct);

    /// <summary>
    /// Appends <paramref name="events"/> after <paramref name="expectedVersion"/>. Returns false when the
    /// stream has moved on (another writer won). Throws <see cref="AppendRefused"/> when PostgreSQL refuses
    /// the rows for good. Through an outage it waits for PostgreSQL and then checks, by the batch id in the
    /// event ids (<see cref="AppendBatch"/>), whether the append had landed before writing it again.
    /// </summary>
    public async Task<bool> Append(string streamKey, long expectedVersion, IReadOnlyList<SerializedEvent> events, CancellationToken ct = default)
    {
        var batch = AppendBatch.New();
        var check = false;
        while (true)
        {
            await Breaker.WhenClosed.WaitAsync(ct);
            try
            {
                if (check)
                {
                    switch (await BatchLanded(streamKey, expectedVersion + 1, batch, ct))
                    {
                        case AppendCheck.Landed: return true;
                        case AppendCheck.StreamMoved: return false;
                    }
                    check = false;
                }
                if (!await _appends.Append(streamKey, expectedVersion, events, batch, ct)) return false;
                _appendSize.Record(events.Count, new KeyValuePair<string, object?>("kind", KindOf(streamKey)));
                if (_interceptor is not null) await _interceptor.AfterCommit(streamKey, events.Count);
                return true;
            }
            catch (Exception failure) when (!ct.IsCancellationRequested)
            {
                var reason = StorageFault.Reason(failure);
                if (StorageFault.Classify(failure) == StorageFaultKind.Refused)
                {
                    // A refused statement stored nothing. A landing check that is refused is a bug: let it surface.
                    if (check) throw;
                    Failed(streamKey, reason, refused: true, failure.Message);
                    throw new AppendRefused(streamKey, reason, failure.Message);
                }
                // The commit may have landed before the connection broke: find out before writing again.
                Failed(streamKey, reason, refused: false, failure.Message);
                Breaker.Trip(failure);
                check = true;
            }
        }
    }

    /// <summary>
    /// Stores a snapshot unless a newer one is already stored (an older activation never overwrites it). Of a paged state
    /// (<see cref="IPagedSnapshot{TSelf}"/>) only the pages from <paramref name="pagesStored"/> on are written with the head;
    /// returns the pages the stored head now stands on.
    /// </summary>
    public async Task<int> SaveSnapshot<TState>(string streamKey, long version, TState state, DateTimeOffset takenAt, int pagesStored = 0, CancellationToken ct = default)
    {
        var paged = state as ISnapshotPages;
        await _snapshots.Save(streamKey, version, SnapshotType<TState>(), writer => JsonSerializer.Serialize(writer, state, SnapshotJson), takenAt, paged, pagesStored, ct);
        return paged?.FullPages ?? 0;
    }

    public Task<IReadOnlyList<StoredEvent>> ReadEvents(string streamKey, long fromVersion, int limit, CancellationToken ct = default) =>
        Breaker.Read<IReadOnlyList<StoredEvent>>(async () =>
        {
            await using var session = _store.QuerySession();
            var from = Math.Max(1, fromVersion);
            var events = await session.Events.FetchStreamAsync(streamKey, version: from + limit - 1, fromVersion: from, token: ct);
            return events
                .Select(e => new StoredEvent(e.Version, e.EventTypeName, e.Timestamp, e.CorrelationId, _serializer.ToJson(e.Data)))
                .ToList();
        });

    private async Task<AppendCheck> BatchLanded(string streamKey, long firstVersion, Guid batch, CancellationToken ct)
    {
        if (_interceptor is not null) await _interceptor.BeforeCommitCheck(streamKey);
        await using var session = _store.QuerySession();
        var first = await session.Events.FetchStreamAsync(streamKey, version: firstVersion, fromVersion: firstVersion, token: ct);
        if (first.Count == 0) return AppendCheck.NotWritten;
        return AppendBatch.Of(first[0].Id) == batch ? AppendCheck.Landed : AppendCheck.StreamMoved;
    }

    // The metrics' kind tag, one string per kind: a one-event append must not allocate a split of its key.
    private string KindOf(string streamKey)
    {
        var slash = streamKey.IndexOf('/');
        var span = slash < 0 ? streamKey.AsSpan() : streamKey.AsSpan(0, slash);
        if (_kinds.TryGetValue(span, out var kind)) return kind;
        kind = span.ToString();
        _kinds.TryAdd(kind, kind);
        return kind;
    }

    private void Failed(string streamKey, string reason, bool refused, string detail)
    {
        var kind = KindOf(streamKey);
        _failedAppends.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
        if (refused)
            _log.LogError("Append to {Stream} refused ({Reason}): {Detail}; its commands fail, the actor goes on", streamKey, reason, detail);
        else
            _log.LogWarning("Append to {Stream} failed ({Reason}): {Detail}; retried once storage answers", streamKey, reason, detail);
    }

    private async Task Probe(CancellationToken ct)
    {
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select 1", connection);
        await command.ExecuteScalarAsync(ct);
    }

    // Changing the state's shape must invalidate old snapshots: the type name plus a shape version does that.
    private static string SnapshotType<TState>() =>
        typeof(TState).GetCustomAttributes(typeof(SnapshotVersionAttribute), false) is [SnapshotVersionAttribute v]
            ? $"{typeof(TState).Name}.v{v.Version}"
            : typeof(TState).Name;

    private enum AppendCheck { NotWritten, Landed, StreamMoved }

    private sealed record CommandDeadline(Task Expires, long Since);
}

/// <summary>An actor's state as read back: the fold, its version, and how it was obtained.</summary>
public sealed record JournalRead<TState>(TState State, long Version, long? SnapshotVersion, int EventsRead)
{
    /// <summary>Pages the snapshot read stood on (a paged state's full pages, already stored).</summary>
    public int SnapshotPages { get; init; }
}

/// <summary>Bump when a state's JSON shape changes incompatibly, so old snapshots are ignored.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SnapshotVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
