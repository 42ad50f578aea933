using MicroEvents.Events;
using MicroEvents.EventSourcing;
using MicroEvents.History;

namespace MicroEvents.Replay;

/// <summary>
/// Folds an exported NDJSON file with the actors' own pure folds and compares every stream's result
/// with the stored stream at the same version. Streams must be complete in the file (versions 1…n,
/// no gap) to be judged; partial ones (a filtered or resumed export) are reported, not guessed at.
/// </summary>
public sealed class ReplayCheck(EventJournal journal, StreamHistory history, IEnumerable<IKindReplay> kinds)
{
    private readonly Dictionary<string, IKindReplay> _kinds = kinds.ToDictionary(k => k.Kind);

    public static IKindReplay[] AllKinds => [new DropReplay()];

    public async Task<ReplayReport> Run(TextReader lines, CancellationToken ct = default)
    {
        var streams = new Dictionary<string, StreamState>();
        long count = 0;
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            count++;
            var e = EventLine.Parse(line);
            if (!streams.TryGetValue(e.Stream, out var s))
                streams[e.Stream] = s = new StreamState(_kinds.GetValueOrDefault(e.Kind)?.Start());
            s.Add(e);
        }

        var verdicts = new List<StreamVerdict>();
        foreach (var (key, s) in streams.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            verdicts.Add(await Judge(key, s, ct));
        return new ReplayReport(count, verdicts);
    }

    private async Task<StreamVerdict> Judge(string key, StreamState s, CancellationToken ct)
    {
        if (s.Fold is null) return new(key, s.Version, ReplayOutcome.NotChecked, $"no replay for streams of kind '{key.Split('/')[0]}'");
        if (s.Problem is not null) return new(key, s.Version, ReplayOutcome.Incomplete, s.Problem);
        var replayed = s.Fold.SummaryJson(s.Version);
        var live = await _kinds[key.Split('/', 2)[0]].Live(journal, history, key, s.Version, ct);
        if (live is null) return new(key, s.Version, ReplayOutcome.Differs, "the stream is not stored");
        var moved = live.CurrentVersion > s.Version ? $" (stored stream has moved on to v{live.CurrentVersion})" : "";
        return live.Json == replayed
            ? new(key, s.Version, ReplayOutcome.Agrees, "replayed summary = stored summary" + moved)
            : new(key, s.Version, ReplayOutcome.Differs, $"replayed {replayed} but stored {live.Json}{moved}");
    }

    private sealed class StreamState(IStreamReplay? fold)
    {
        public IStreamReplay? Fold { get; } = fold;
        public long Version { get; private set; }
        public string? Problem { get; private set; }

        public void Add(ExportedEvent e)
        {
            if (Problem is not null || Fold is null) { Version = e.Version; return; }
            if (e.Version != Version + 1)
            {
                Problem = Version == 0 ? $"starts at v{e.Version}, not v1" : $"v{Version} is followed by v{e.Version}";
                Version = e.Version;
                return;
            }
            Version = e.Version;
            try { Fold.Apply(e.Alias, e.DataJson); }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or NotSupportedException)
            {
                Problem = $"v{e.Version} ({e.Alias}) does not read: {ex.Message}";
            }
        }
    }
}

public enum ReplayOutcome { Agrees, Differs, Incomplete, NotChecked }

public sealed record StreamVerdict(string Stream, long Version, ReplayOutcome Outcome, string Detail);

public sealed record ReplayReport(long Lines, IReadOnlyList<StreamVerdict> Streams)
{
    public bool AllAgree => Streams.All(s => s.Outcome is ReplayOutcome.Agrees or ReplayOutcome.NotChecked) && Streams.Any(s => s.Outcome == ReplayOutcome.Agrees);

    public int Count(ReplayOutcome outcome) => Streams.Count(s => s.Outcome == outcome);
}
