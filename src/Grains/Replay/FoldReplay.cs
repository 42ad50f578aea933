using System.Text;
using System.Text.Json;
using MicroEvents.EventSourcing;
using MicroEvents.History;

namespace MicroEvents.Replay;

/// <summary>
/// One kind replayed with <typeparamref name="TState"/>, the fold the actor itself uses, and compared as a
/// whole state (its snapshot JSON), read back from the store the way an activation reads it.
/// </summary>
public sealed class FoldReplay<TState, TEvent>(string kind, IReadOnlyDictionary<string, Type> events, Marten.ISerializer serializer) : IKindReplay
    where TState : class, IEventFold<TState, TEvent>
    where TEvent : class
{
    // The snapshot store's options: a state's JSON is what a snapshot of it holds.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Kind => kind;

    public IStreamReplay Start() => new Fold(this);

    public async Task<StoredState?> Stored(EventJournal journal, StreamHistory history, string streamKey, long version, CancellationToken ct)
    {
        // What an activation of the actor would fold now (snapshot + tail), when the export reaches the stream's end.
        var live = await journal.Read<TState, TEvent>(streamKey, ct);
        if (live.Version < version) return null;
        if (live.Version == version) return new StoredState(Serialize(live.State), live.Version);
        var (past, reached) = await history.Fold<TState, TEvent>(streamKey, version, null, ct);
        return reached == version ? new StoredState(Serialize(past), live.Version) : null;
    }

    private static string Serialize(TState state) => JsonSerializer.Serialize(state, Json);

    private sealed class Fold(FoldReplay<TState, TEvent> kind) : IStreamReplay
    {
        private TState _state = TState.Initial;

        public void Apply(string alias, string dataJson)
        {
            if (!kind.Events(alias, out var type)) throw new InvalidDataException($"'{alias}' is not an event of {kind.Kind} streams");
            var e = kind.Read(type, dataJson) as TEvent ?? throw new InvalidDataException($"{alias} reads as nothing");
            _state = _state.Apply(e);
        }

        public string StateJson() => Serialize(_state);
    }

    private bool Events(string alias, out Type type) => events.TryGetValue(alias, out type!);

    // The store's own serializer: the file's data reads exactly as the stored rows do.
    private object Read(Type type, string dataJson)
    {
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(dataJson));
        return serializer.FromJson(type, json);
    }
}
