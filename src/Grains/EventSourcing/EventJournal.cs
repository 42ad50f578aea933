using System.Runtime.ExceptionServices;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;

namespace MicroEvents.EventSourcing;

/// <summary>
/// Every actor's event stream in Marten, keyed <c>"{kind}/{id}"</c>. The owning grain is the only
/// writer; optimistic concurrency on the stream version is the safety net when it briefly is not.
/// </summary>
public sealed class EventJournal(IDocumentStore store, IOptions<JournalOptions> options, AppendInterceptor? interceptor = null)
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);
    private readonly AppendQueue _appends = new(store);

    public int SnapshotEvery => options.Value.SnapshotEvery;

    public async Task<JournalRead<TState>> Read<TState, TEvent>(string streamKey, CancellationToken ct = default)
        where TState : class, IEventFold<TState, TEvent>
    {
        await using var session = store.QuerySession();
        var state = TState.Initial;
        long version = 0;
        long? snapshotVersion = null;

        var snapshot = SnapshotEvery > 0 ? await session.LoadAsync<ActorSnapshot>(streamKey, ct) : null;
        if (snapshot is not null && snapshot.StateType == SnapshotType<TState>())
        {
            state = snapshot.State.Deserialize<TState>(SnapshotJson)!;
            version = snapshot.Version;
            snapshotVersion = version;
        }

        var tail = await session.Events.FetchStreamAsync(streamKey, fromVersion: version + 1, token: ct);
        foreach (var stored in tail)
        {
            state = state.Apply((TEvent)stored.Data);
            version = stored.Version;
        }

        return new JournalRead<TState>(state, version, snapshotVersion, tail.Count);
    }

    /// <summary>
    /// Appends <paramref name="events"/> after <paramref name="expectedVersion"/>. Returns false when the
    /// stream has moved on (another writer won). A failure whose commit did in fact land (a lost reply)
    /// is recognised by its event ids (<see cref="AppendBatch"/>) and reported as success, so nothing is ever written twice.
    /// </summary>
    public async Task<bool> Append(string streamKey, long expectedVersion, IReadOnlyList<object> events,
        Func<object, string?> correlationOf, CancellationToken ct = default)
    {
        var batch = AppendBatch.New();
        try
        {
            if (!await _appends.Append(streamKey, expectedVersion, events, correlationOf, batch).WaitAsync(ct)) return false;
            if (interceptor is not null) await interceptor.AfterCommit(streamKey, events.Count);
            return true;
        }
        catch (Exception failure)
        {
            return await BatchLanded(streamKey, expectedVersion + 1, batch, ct) switch
            {
                AppendCheck.Landed => true,
                AppendCheck.StreamMoved => false,
                _ => Rethrow(failure),
            };
        }
    }

    public async Task SaveSnapshot<TState>(string streamKey, long version, TState state, DateTimeOffset takenAt, CancellationToken ct = default)
    {
        await using var session = store.LightweightSession();
        session.Store(new ActorSnapshot
        {
            Id = streamKey,
            Version = version,
            StateType = SnapshotType<TState>(),
            State = JsonSerializer.SerializeToElement(state, SnapshotJson),
            TakenAt = takenAt,
        });
        await session.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEvents(string streamKey, long fromVersion, int limit, CancellationToken ct = default)
    {
        await using var session = store.QuerySession();
        var from = Math.Max(1, fromVersion);
        var events = await session.Events.FetchStreamAsync(streamKey, version: from + limit - 1, fromVersion: from, token: ct);
        var serializer = store.Options.Serializer();
        return events
            .Select(e => new StoredEvent(e.Version, e.EventTypeName, e.Timestamp, e.CorrelationId, serializer.ToJson(e.Data)))
            .ToList();
    }

    private async Task<AppendCheck> BatchLanded(string streamKey, long firstVersion, Guid batch, CancellationToken ct)
    {
        if (interceptor is not null) await interceptor.BeforeCommitCheck(streamKey);
        await using var session = store.QuerySession();
        var first = await session.Events.FetchStreamAsync(streamKey, version: firstVersion, fromVersion: firstVersion, token: ct);
        if (first.Count == 0) return AppendCheck.NotWritten;
        return AppendBatch.Of(first[0].Id) == batch ? AppendCheck.Landed : AppendCheck.StreamMoved;
    }

    private static bool Rethrow(Exception failure)
    {
        ExceptionDispatchInfo.Throw(failure);
        return false;
    }

    // Changing the state's shape must invalidate old snapshots: the type name plus a shape version does that.
    private static string SnapshotType<TState>() =>
        typeof(TState).GetCustomAttributes(typeof(SnapshotVersionAttribute), false) is [SnapshotVersionAttribute v]
            ? $"{typeof(TState).Name}.v{v.Version}"
            : typeof(TState).Name;

    private enum AppendCheck { NotWritten, Landed, StreamMoved }
}

/// <summary>An actor's state as read back: the fold, its version, and how it was obtained.</summary>
public sealed record JournalRead<TState>(TState State, long Version, long? SnapshotVersion, int EventsRead);

/// <summary>Bump when a state's JSON shape changes incompatibly, so old snapshots are ignored.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SnapshotVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
