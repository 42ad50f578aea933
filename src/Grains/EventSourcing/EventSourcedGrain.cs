using System.Runtime.CompilerServices;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MicroEvents.Rejections;
using Orleans.Providers;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The shell every actor shares: its state is the fold of its Marten stream <c>"{kind}/{id}"</c>.
/// Commands run through <see cref="Execute{TResult}"/>: decide against the tentative state, raise
/// conditionally, and let Orleans group every event raised while an append is in flight into the next
/// append (group commit). Mark hot actors <c>[Reentrant]</c> so commands overlap.
/// No input and no fault wedges it: a refused append fails its own commands, an outage answers
/// <c>unavailable</c> within <see cref="JournalOptions.CommandTimeout"/>, and an answer is only ever
/// given from committed events.
/// </summary>
[LogConsistencyProvider(ProviderName = JournalProvider.Name)]
public abstract class EventSourcedGrain<TState, TEvent>(EventJournal journal, TimeProvider clock)
    : JournaledGrain<StateView<TState, TEvent>, TEvent>, ICustomStorageInterface<StateView<TState, TEvent>, TEvent>, IJournaledActor
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    // Orleans drops every pending conditional event whose position no longer matches the confirmed
    // version after a re-read. Reporting this impossible version once is how a refused append's events
    // are dropped instead of being re-sent forever; the next append then re-reads the real version.
    private const int DiscardedVersion = -1;

    private readonly ConditionalWeakTable<TEvent, string> _correlations = new();
    private readonly ConditionalWeakTable<TEvent, AppendRefused> _refusals = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _discardPending;
    private long? _versionWhileDiscarding;
    private long? _snapshotVersion;
    private int _eventsReadOnActivation;
    private long _appends;
    private long _eventsAppended;
    private Task _snapshotting = Task.CompletedTask;
    private Task _loaded = Task.CompletedTask;

    /// <summary>The stream kind, e.g. <c>drop</c>.</summary>
    protected abstract string Kind { get; }

    protected string StreamKey => $"{Kind}/{this.GetPrimaryKeyString()}";

    protected TimeProvider Clock => clock;

    /// <summary>Confirmed state: everything durably stored.</summary>
    protected TState Confirmed => State.State;

    /// <summary>Confirmed state plus events waiting for the next append: what new commands decide against.</summary>
    protected TState Tentative => TentativeState.State;

    /// <summary>The number of events durably stored in this actor's stream.</summary>
    protected long StoredVersion => _versionWhileDiscarding ?? Version;

    private int Unconfirmed => UnconfirmedEvents.TryGetNonEnumeratedCount(out var n) ? n : UnconfirmedEvents.Count();

    /// <summary>
    /// Decides against the tentative state and appends the decision's events. If the stream moved
    /// under us (another writer, or a commit whose reply was lost), Orleans drops the conditional
    /// events and re-reads; we then decide again, so no event is ever appended unvalidated.
    /// A decision that appends nothing is answered only from committed events (2xx means durable).
    /// </summary>
    protected async Task<TResult> Execute<TResult>(Func<TState, Decision<TResult, TEvent>> decide, string? correlationId = null)
    {
        correlationId ??= Correlation.Current;
        await Loaded();
        while (true)
        {
            ThrowIfUnavailable();
            var decision = decide(Tentative);
            if (decision.Events.Count == 0)
            {
                if (Unconfirmed == 0) return decision.Result;
                if (Settled(decide) is { } settled) return settled.Result;
                // The answer rests on events not yet stored (a retry of a claim still in flight): wait for them.
                await Bounded(ConfirmEvents());
                continue;
            }

            var waiting = Unconfirmed;
            if (waiting + decision.Events.Count > journal.Options.MaxUnconfirmedEvents)
                throw StorageBreaker.Unavailable($"{StreamKey} has {waiting} events waiting for storage; retry shortly.");
            foreach (var e in decision.Events)
                if (correlationId is not null) _correlations.AddOrUpdate(e, correlationId);

            // Bounded inline rather than through a helper: one continuation per command on the hot path.
            var raised = RaiseConditionalEvents(decision.Events);
            if (!raised.IsCompleted && await Task.WhenAny(raised, Deadline()) != raised) throw Unavailable();
            if (await raised) return decision.Result;
            foreach (var e in decision.Events)
                if (_refusals.TryGetValue(e, out var refusal))
                {
                    await RestoreVersion();
                    throw refusal;
                }
        }
    }

    // The same decision against confirmed state only: if it too appends nothing, its answer is durable.
    private Decision<TResult, TEvent>? Settled<TResult>(Func<TState, Decision<TResult, TEvent>> decide)
    {
        try
        {
            var settled = decide(Confirmed);
            return settled.Events.Count == 0 ? settled : null;
        }
        catch (Rejected)
        {
            return null;
        }
    }

    private void ThrowIfUnavailable()
    {
        if (_stopping.IsCancellationRequested) throw StorageBreaker.Unavailable($"{StreamKey} is moving to another activation; retry.");
        journal.Breaker.ThrowIfOpen();
    }

    // One shared timer per actor, renewed at most every second, instead of a timer per command: a hot
    // drop confirms thousands of commands a second and must not pay for a timer each. A command
    // therefore waits between CommandTimeout − 1 s and CommandTimeout before it is told unavailable.
    private Task _deadline = Task.CompletedTask;
    private long _deadlineSince;

    private Task Deadline()
    {
        var now = Environment.TickCount64;
        if (_deadline.IsCompleted || now - _deadlineSince > 1_000)
            (_deadline, _deadlineSince) = (Task.Delay(journal.Options.CommandTimeout), now);
        return _deadline;
    }

    /// <summary>
    /// Waits until every event raised so far is stored, bounded like <see cref="Execute{TResult}"/>: a
    /// retry that rests on an attempt still in flight answers <c>unavailable</c> instead of hanging.
    /// </summary>
    protected async Task WaitUntilStored()
    {
        await Loaded();
        if (Unconfirmed == 0) return;
        ThrowIfUnavailable();
        await Bounded(ConfirmEvents());
    }

    private async Task Bounded(Task wait)
    {
        if (!wait.IsCompleted && await Task.WhenAny(wait, Deadline()) != wait) throw Unavailable();
        await wait;
    }

    private Rejected Unavailable() =>
        StorageBreaker.Unavailable($"{StreamKey} could not store within {journal.Options.CommandTimeout.TotalSeconds:0.#} s; retry with the same id.");

    private async Task RestoreVersion()
    {
        try
        {
            await Bounded(RefreshNow());
        }
        catch (Rejected)
        {
            // The next command re-reads anyway.
        }
    }

    protected override void TransitionState(StateView<TState, TEvent> view, TEvent @event) =>
        view.State = view.State.Apply(@event);

    // Activation does not wait for storage (a failed activation is retried by Orleans until the caller
    // times out): the stream loads in the background, and every command and query waits for it, bounded,
    // so an outage is answered 503 at once instead of hanging the first caller for 30 s.
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _loaded = base.OnActivateAsync(cancellationToken);
        WhenLoaded().Ignore();
        return Task.CompletedTask;
    }

    // Not awaited by the activation; if storage is down it gives up, and the next activation tries again.
    private async Task WhenLoaded() => await OnLoaded(await Stored());

    /// <summary>
    /// Runs once the stream has loaded after an activation, without holding the activation up: where an
    /// actor resumes work interrupted by a restart (re-arm a reminder, pick up an order).
    /// </summary>
    protected virtual Task OnLoaded(TState stored) => Task.CompletedTask;

    /// <summary>Completes once the stream is loaded; <c>unavailable</c> if storage cannot be read in time.</summary>
    protected Task Loaded()
    {
        if (_loaded.IsCompleted) return Task.CompletedTask;
        journal.Breaker.ThrowIfOpen();
        return Bounded(_loaded);
    }

    /// <summary>The confirmed state, once loaded: what queries answer from.</summary>
    protected async Task<TState> Stored()
    {
        await Loaded();
        return Confirmed;
    }

    public async Task<KeyValuePair<int, StateView<TState, TEvent>>> ReadStateFromStorage()
    {
        if (_discardPending || _stopping.IsCancellationRequested) return Discarding();
        JournalRead<TState> read;
        try
        {
            read = await journal.Read<TState, TEvent>(StreamKey, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Deactivating while storage is down: nothing more will be decided here, so stop reading.
            return Discarding();
        }
        _versionWhileDiscarding = null;
        _snapshotVersion = read.SnapshotVersion;
        _eventsReadOnActivation = read.EventsRead;
        return new((int)read.Version, new StateView<TState, TEvent> { State = read.State });
    }

    private KeyValuePair<int, StateView<TState, TEvent>> Discarding()
    {
        _discardPending = false;
        _versionWhileDiscarding ??= Version;
        return new(DiscardedVersion, State);
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        // Events raised while the discarded version was showing: make Orleans re-read the real one.
        if (expectedVersion == DiscardedVersion) return false;
        try
        {
            // Serialised here, for the whole batch at once, not in each command's turn: that keeps the group
            // commit's batches large. A value storage would refuse fails this append alone, before PostgreSQL.
            var serialized = new List<SerializedEvent>(updates.Count);
            foreach (var u in updates) serialized.Add(journal.Serialize(StreamKey, u, _correlations.TryGetValue(u, out var c) ? c : null));
            var ok = await journal.Append(StreamKey, expectedVersion, serialized, _stopping.Token);
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

    // Called on the grain's scheduler after each confirmed batch. The state is immutable, so the
    // snapshot can be written off the hot path without copying it.
    protected override void OnStateChanged()
    {
        var every = journal.SnapshotEvery;
        if (every <= 0 || !_snapshotting.IsCompleted || _versionWhileDiscarding is not null || Version <= 0) return;
        if (Version / every <= (_snapshotVersion ?? 0) / every) return;

        _snapshotting = SaveSnapshot(Confirmed, Version, _snapshotVersion);
    }

    private async Task SaveSnapshot(TState state, long version, long? previous)
    {
        _snapshotVersion = version;
        try
        {
            // Serialising a large state takes tens of milliseconds: do it on the thread pool, not in the
            // grain's turn, so claims keep flowing. The state is immutable, so sharing it is safe.
            var (key, takenAt) = (StreamKey, clock.GetUtcNow());
            await Task.Run(() => journal.SaveSnapshot(key, version, state, takenAt));
        }
        catch (Exception e)
        {
            // A snapshot is only a cache: the stream stays the truth, so log and try again at the next boundary.
            _snapshotVersion = previous;
            Logger.LogWarning(e, "Snapshot of {Stream} at v{Version} failed", StreamKey, version);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stop waiting for storage, so a silo shuts down in bounded time even through an outage.
        _stopping.Cancel();
        try
        {
            await _snapshotting.WaitAsync(journal.Options.CommandTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Logger.LogWarning("Snapshot of {Stream} still running at deactivation; leaving it", StreamKey);
        }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> GetEvents(long fromVersion, int limit) =>
        journal.ReadEvents(StreamKey, fromVersion, Math.Clamp(limit, 1, 10_000));

    public async Task<JournalStats> GetJournalStats()
    {
        await Loaded();
        return new JournalStats(StoredVersion, _snapshotVersion, _eventsReadOnActivation, _appends, _eventsAppended);
    }

    private ILogger Logger => ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());
}
