using System.Runtime.CompilerServices;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The shell every actor shares: its state is the fold of its Marten stream <c>"{kind}/{id}"</c>.
/// Commands run through <see cref="Execute{TResult}"/>: decide against the tentative state, raise
/// conditionally, and let Orleans group every event raised while an append is in flight into the next
/// append (group commit). Mark hot actors <c>[Reentrant]</c> so commands overlap.
/// </summary>
[LogConsistencyProvider(ProviderName = JournalProvider.Name)]
public abstract class EventSourcedGrain<TState, TEvent>(EventJournal journal, TimeProvider clock)
    : JournaledGrain<StateView<TState, TEvent>, TEvent>, ICustomStorageInterface<StateView<TState, TEvent>, TEvent>, IJournaledActor
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    private readonly ConditionalWeakTable<TEvent, string> _correlations = new();
    private long? _snapshotVersion;
    private int _eventsReadOnActivation;
    private long _appends;
    private long _eventsAppended;
    private Task _snapshotting = Task.CompletedTask;

    /// <summary>The stream kind, e.g. <c>drop</c>.</summary>
    protected abstract string Kind { get; }

    protected string StreamKey => $"{Kind}/{this.GetPrimaryKeyString()}";

    protected TimeProvider Clock => clock;

    /// <summary>Confirmed state: everything durably stored.</summary>
    protected TState Confirmed => State.State;

    /// <summary>Confirmed state plus events waiting for the next append: what new commands decide against.</summary>
    protected TState Tentative => TentativeState.State;

    /// <summary>
    /// Decides against the tentative state and appends the decision's events. If the stream moved
    /// under us (another writer, or a commit whose reply was lost), Orleans drops the conditional
    /// events and re-reads; we then decide again, so no event is ever appended unvalidated.
    /// </summary>
    protected async Task<TResult> Execute<TResult>(Func<TState, Decision<TResult, TEvent>> decide, string? correlationId = null)
    {
        correlationId ??= Correlation.Current;
        while (true)
        {
            var decision = decide(Tentative);
            if (decision.Events.Count == 0) return decision.Result;

            if (correlationId is not null)
                foreach (var e in decision.Events) _correlations.AddOrUpdate(e, correlationId);

            if (await RaiseConditionalEvents(decision.Events)) return decision.Result;
        }
    }

    protected override void TransitionState(StateView<TState, TEvent> view, TEvent @event) =>
        view.State = view.State.Apply(@event);

    public async Task<KeyValuePair<int, StateView<TState, TEvent>>> ReadStateFromStorage()
    {
        var read = await journal.Read<TState, TEvent>(StreamKey);
        _snapshotVersion = read.SnapshotVersion;
        _eventsReadOnActivation = read.EventsRead;
        return new((int)read.Version, new StateView<TState, TEvent> { State = read.State });
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion)
    {
        var ok = await journal.Append(StreamKey, expectedVersion, updates, CorrelationOf);
        if (ok)
        {
            _appends++;
            _eventsAppended += updates.Count;
        }
        return ok;
    }

    // Called on the grain's scheduler after each confirmed batch. The state is immutable, so the
    // snapshot can be written off the hot path without copying it.
    protected override void OnStateChanged()
    {
        var every = journal.SnapshotEvery;
        if (every <= 0 || !_snapshotting.IsCompleted) return;
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
            ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()).LogWarning(e, "Snapshot of {Stream} at v{Version} failed", StreamKey, version);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _snapshotting;
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> GetEvents(long fromVersion, int limit) =>
        journal.ReadEvents(StreamKey, fromVersion, Math.Clamp(limit, 1, 10_000));

    public Task<JournalStats> GetJournalStats() =>
        Task.FromResult(new JournalStats(Version, _snapshotVersion, _eventsReadOnActivation, _appends, _eventsAppended));

    private string? CorrelationOf(object e) =>
        e is TEvent typed && _correlations.TryGetValue(typed, out var id) ? id : null;
}
