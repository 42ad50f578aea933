using System.Text.Json;
using System.Text.Json.Serialization;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.History;

namespace MicroEvents.Replay;

/// <summary>Drops replayed with <see cref="DropState"/>, the fold the drop actor itself uses; compared by their summaries.</summary>
public sealed class DropReplay : IKindReplay
{
    private static readonly IReadOnlyDictionary<string, Type> Events = JournalStore.EventAliases()
        .Where(a => a.Type.IsAssignableTo(typeof(DropEvent))).ToDictionary(a => a.Alias, a => a.Type);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Kind => "drop";

    public IStreamReplay Start() => new Fold();

    public async Task<LiveSummary?> Live(EventJournal journal, StreamHistory history, string streamKey, long version, CancellationToken ct)
    {
        // What an activation of the actor would fold now (snapshot + tail), when the export is of the current stream.
        var live = await journal.Read<DropState, DropEvent>(streamKey, ct);
        if (live.Version == 0) return null;
        if (live.Version == version) return new LiveSummary(Summary(live.State, version), live.Version);
        var (past, reached) = await history.Fold<DropState, DropEvent>(streamKey, version, null, ct);
        return new LiveSummary(reached == version ? Summary(past, version) : "{}", live.Version);
    }

    private static string Summary(DropState state, long version) =>
        state.Manifest is null ? "{}" : JsonSerializer.Serialize(state.Summary(version), Json);

    private sealed class Fold : IStreamReplay
    {
        private DropState _state = DropState.Initial;

        public void Apply(string alias, string dataJson)
        {
            if (!Events.TryGetValue(alias, out var type)) throw new InvalidDataException($"unknown drop event alias '{alias}'");
            var e = (DropEvent?)JsonSerializer.Deserialize(dataJson, type, Json) ?? throw new InvalidDataException($"empty {alias}");
            _state = _state.Apply(e);
        }

        public string SummaryJson(long version) => Summary(_state, version);
    }
}
