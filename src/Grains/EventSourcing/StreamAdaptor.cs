using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using MicroEvents.Rejections;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The storage protocol of one actor's stream, kept out of <see cref="EventSourcedGrain{TState,TEvent}"/> the way
/// Orleans keeps <c>JournaledGrain</c> thin and puts its protocol in <c>LogViewAdaptor</c>: read (snapshot plus
/// tail), append (serialised per batch, refused values failing their own commands), the discard of a refused
/// batch, snapshots off the hot path, and the bounded waits that turn an outage into <c>unavailable</c>.
/// It runs on the grain's scheduler; the grain answers Orleans' storage calls through it.
/// </summary>
internal sealed class StreamAdaptor<TState, TEvent>(EventJournal journal, string streamKey, TimeProvider clock, ILogger log)
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    // Orleans drops every pending conditional event whose position no longer matches the confirmed
    // version after a re-read. Reporting this impossible version once is how a refused append's events
    // are dropped instead of being re-sent forever; the next append then re-reads the real version.
    public const int DiscardedVersion = -1;

    private readonly ConditionalWeakTable<TEvent, string> _correlations = new();
    private readonly ConditionalWeakTable<TEvent, AppendRefused> _refusals = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _discardPending;
    private long? _versionWhileDiscarding;
    private long? _snapshotVersion;
    // Full pages of a paged state known to be stored: a snapshot writes only those filled since.
    private int _pagesStored;
    private int _eventsReadOnActivation;
    private long _appends;
    private long _eventsAppended;
    private Task _snapshotting = Task.CompletedTask;

    public string StreamKey => streamKey;

    public int MaxUnconfirmedEvents => journal.Options.MaxUnconfirmedEvents;

    /// <summary>The stored version: Orleans' own, except while it shows the discarded version.</summary>
    public long StoredVersion(long version) => _versionWhileDiscarding ?? version;

    public void ThrowIfUnavailable()
    {
        if (_stopping.IsCancellationRequested) throw StorageBreaker.Unavailable($"{streamKey} is moving to another activation; retry.");
        journal.Breaker.ThrowIfOpen();
    }

    public void ThrowIfBreakerOpen() => journal.Breaker.ThrowIfOpen();

    /// <summary>When a command waiting now is told unavailable: the silo's shared deadline (<see cref="EventJournal.Deadline"/>).</summary>
    public Task Deadline() => journal.Deadline();

    /// <summary>Waits for <paramref name="wait"/> no longer than the command timeout; <c>unavailable</c> after it.</summary>
    public async Task Bounded(Task wait)
    {
        if (!wait.IsCompleted && await Task.WhenAny(wait, Deadline()) != wait) throw Unavailable();
        await wait;
    }

    public Rejected Unavailable() =>
        StorageBreaker.Unavailable($"{streamKey} could not store within {journal.Options.CommandTimeout.TotalSeconds:0.#} s; retry with the same id.");

    public void Correlate(IReadOnlyList<TEvent> events, string? correlationId)
    {
        if (correlationId is null) return;
        foreach (var e in events) _correlations.AddOrUpdate(e, correlationId);
    }

    /// <summary>Why storage refused one of <paramref name="events"/> for good, if it did.</summary>
    public AppendRefused? Refusal(IReadOnlyList<TEvent> events)
    {
        foreach (var e in events)
            if (_refusals.TryGetValue(e, out var refusal)) return refusal;
        return null;
    }

    public async Task<KeyValuePair<int, StateView<TState, TEvent>>> Read(long version, StateView<TState, TEvent> current)
    {
        if (_discardPending || _stopping.IsCancellationRequested) return Discarding(version, current);
        JournalRead<TState> read;
        try
        {
            read = await journal.Read<TState, TEvent>(streamKey, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Deactivating while storage is down: nothing more will be decided here, so stop reading.
            return Discarding(version, current);
        }
        _versionWhileDiscarding = null;
        _snapshotVersion = read.SnapshotVersion;
        _pagesStored = read.SnapshotPages;
        _eventsReadOnActivation = read.EventsRead;
        return new((int)read.Version, new StateView<TState, TEvent> { State = read.State });
    }

    private KeyValuePair<int, StateView<TState, TEvent>> Discarding(long version, StateView<TState, TEvent> current)
    {
        _discardPending = false;
        _versionWhileDiscarding ??= version;
        return new(DiscardedVersion, current);
    }

    public async Task<bool> Append(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        // Events raised while the discarded version was showing: make Orleans re-read the real one.
        if (expectedVersion == DiscardedVersion) return false;
        try
        {
            // Serialised here, for the whole batch at once, not in each command's turn: that keeps the group
            // commit's batches large. A value storage would refuse fails this append alone, before PostgreSQL.
            var serialized = new List<SerializedEvent>(updates.Count);
            foreach (var u in updates) serialized.Add(journal.Serialize(streamKey, u, _correlations.TryGetValue(u, out var c) ? c : null));
            var ok = await journal.Append(streamKey, expectedVersion, serialized, _stopping.Token);
            if (ok)
            {
                _appends++;
                _eventsAppended += updates.Count;
            }
            return ok;
        }
        catch (AppendRefused refusal)
        {
            foreach (var u in updates) _refusals.AddOrUpdate(u, refusal);
            _discardPending = true;
            return false;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Deactivating: stop waiting for storage. Whether it lands is settled by the next activation's read.
            _discardPending = true;
            return false;
        }
    }

    /// <summary>After a confirmed batch: a snapshot at every boundary, off the hot path (the state is immutable).</summary>
    public void Confirmed(TState state, int version)
    {
        var every = journal.SnapshotEvery;
        if (every <= 0 || !_snapshotting.IsCompleted || _versionWhileDiscarding is not null || version <= 0) return;
        if (version / every <= (_snapshotVersion ?? 0) / every) return;

        _snapshotting = SaveSnapshot(state, version, _snapshotVersion);
    }

    private async Task SaveSnapshot(TState state, long version, long? previous)
    {
        _snapshotVersion = version;
        try
        {
            // Serialising a large state takes tens of milliseconds: do it on the thread pool, not in the
            // grain's turn, so claims keep flowing. The state is immutable, so sharing it is safe.
            var takenAt = clock.GetUtcNow();
            var pagesStored = _pagesStored;
            _pagesStored = await Task.Run(() => journal.SaveSnapshot(streamKey, version, state, takenAt, pagesStored));
        }
        catch (Exception e)
        {
            // A snapshot is only a cache: the stream stays the truth, so log and try again at the next boundary.
            _snapshotVersion = previous;
            log.LogWarning(e, "Snapshot of {Stream} at v{Version} failed", streamKey, version);
        }
    }

    /// <summary>Stops waiting for storage, so a silo shuts down in bounded time even through an outage.</summary>
    public async Task Stop(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        try
        {
            await _snapshotting.WaitAsync(journal.Options.CommandTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("Snapshot of {Stream} still running at deactivation; leaving it", streamKey);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> Events(long fromVersion, int limit) =>
        journal.ReadEvents(streamKey, fromVersion, Math.Clamp(limit, 1, 10_000));

    public JournalStats Stats(long version) =>
        new(StoredVersion(version), _snapshotVersion, _eventsReadOnActivation, _appends, _eventsAppended);
}
