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
/// given from committed events. The storage protocol itself lives in <see cref="StreamAdaptor{TState,TEvent}"/>.
/// </summary>
[LogConsistencyProvider(ProviderName = JournalProvider.Name)]
public abstract class EventSourcedGrain<TState, TEvent>(EventJournal journal, TimeProvider clock)
    : JournaledGrain<StateView<TState, TEvent>, TEvent>, ICustomStorageInterface<StateView<TState, TEvent>, TEvent>, IJournaledActor
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    private StreamAdaptor<TState, TEvent>? _stream;
    private Task _loaded = Task.CompletedTask;

    /// <summary>The stream kind, e.g. <c>drop</c>.</summary>
    protected abstract string Kind { get; }

    protected string StreamKey => Stream.StreamKey;

    protected TimeProvider Clock => clock;

    /// <summary>Confirmed state: everything durably stored.</summary>
    protected TState Confirmed => State.State;

    /// <summary>Confirmed state plus events waiting for the next append: what new commands decide against.</summary>
    protected TState Tentative => TentativeState.State;

    /// <summary>The number of events durably stored in this actor's stream.</summary>
    protected long StoredVersion => Stream.StoredVersion(Version);

    // Created on first use: the key is the grain's, known once it runs.
    private StreamAdaptor<TState, TEvent> Stream => _stream ??= new(journal, $"{Kind}/{this.GetPrimaryKeyString()}", clock,
        ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType()));

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
        var stream = Stream;
        while (true)
        {
            stream.ThrowIfUnavailable();
            var decision = decide(Tentative);
            if (decision.Events.Count == 0)
            {
                if (Unconfirmed == 0) return decision.Result;
                if (Settled(decide) is { } settled) return settled.Result;
                // The answer rests on events not yet stored (a retry of a claim still in flight): wait for them.
                await stream.Bounded(ConfirmEvents());
                continue;
            }

            var waiting = Unconfirmed;
            if (waiting + decision.Events.Count > stream.MaxUnconfirmedEvents)
                throw StorageBreaker.Unavailable($"{stream.StreamKey} has {waiting} events waiting for storage; retry shortly.");
            stream.Correlate(decision.Events, correlationId);

            // Bounded inline rather than through Bounded: one continuation per command on the hot path.
            var raised = RaiseConditionalEvents(decision.Events);
            if (!raised.IsCompleted && await Task.WhenAny(raised, stream.Deadline()) != raised) throw stream.Unavailable();
            if (await raised) return decision.Result;
            if (stream.Refusal(decision.Events) is { } refusal)
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

    /// <summary>
    /// Waits until every event raised so far is stored, bounded like <see cref="Execute{TResult}"/>: a
    /// retry that rests on an attempt still in flight answers <c>unavailable</c> instead of hanging.
    /// </summary>
    protected async Task WaitUntilStored()
    {
        await Loaded();
        if (Unconfirmed == 0) return;
        Stream.ThrowIfUnavailable();
        await Stream.Bounded(ConfirmEvents());
    }

    private async Task RestoreVersion()
    {
        try
        {
            await Stream.Bounded(RefreshNow());
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
        Stream.ThrowIfBreakerOpen();
        return Stream.Bounded(_loaded);
    }

    /// <summary>The confirmed state, once loaded: what queries answer from.</summary>
    protected async Task<TState> Stored()
    {
        await Loaded();
        return Confirmed;
    }

    // Orleans' storage protocol asks the grain; the adaptor answers.
    public Task<KeyValuePair<int, StateView<TState, TEvent>>> ReadStateFromStorage() => Stream.Read(Version, State);

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TEvent> updates, int expectedVersion) => Stream.Append(updates, expectedVersion);

    // Called on the grain's scheduler after each confirmed batch.
    protected override void OnStateChanged() => Stream.Confirmed(Confirmed, Version);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await Stream.Stop(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public Task<IReadOnlyList<StoredEvent>> GetEvents(long fromVersion, int limit) => Stream.Events(fromVersion, limit);

    public async Task<JournalStats> GetJournalStats()
    {
        await Loaded();
        return Stream.Stats(Version);
    }
}
