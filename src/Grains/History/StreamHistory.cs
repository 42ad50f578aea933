using Marten;
using MicroEvents.EventSourcing;

namespace MicroEvents.History;

/// <summary>
/// An actor's state as it was: its stream folded up to a version or an instant, read straight from
/// Marten by whoever asks. The actor itself is never activated, asked or held up.
/// </summary>
public sealed class StreamHistory(IDocumentStore store)
{
    /// <summary>The fold of events 1…<paramref name="version"/> (all when null) stored no later than <paramref name="at"/> (any when null).</summary>
    public async Task<(TState State, long Version)> Fold<TState, TEvent>(string streamKey, long? version, DateTimeOffset? at, CancellationToken ct = default)
        where TState : class, IEventFold<TState, TEvent>
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(streamKey, version: version ?? 0, timestamp: at, token: ct);
        var state = TState.Initial;
        long reached = 0;
        foreach (var e in events)
        {
            state = state.Apply((TEvent)e.Data);
            reached = e.Version;
        }
        return (state, reached);
    }
}
