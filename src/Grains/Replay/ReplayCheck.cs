using System.Text.Json;
using Marten;
using MicroEvents.Events;
using MicroEvents.EventSourcing;
using MicroEvents.History;

namespace MicroEvents.Replay;

/// <summary>
/// Checks an exported NDJSON file against the store, event by event and stream by stream:
/// <list type="bullet">
/// <item>the file's own integrity: every line's <see cref="ExportChain"/> hash and the <see cref="ExportTrailer"/>
/// (count and digest), so an altered, moved or removed line and a missing tail are found;</item>
/// <item>every line equals the stored event at its global sequence (stream, version, timestamp, alias,
/// correlation id, data), whatever its kind;</item>
/// <item>every stream complete in the file (versions 1…n) folds, with the actor's own pure fold, to the
/// state the store holds at v n. Partial streams (a filtered or resumed export) are compared event by
/// event only, and reported as such.</item>
/// </list>
/// Problems are reported by line number; a line that does not read is reported and skipped, never thrown.
/// </summary>
public sealed class ReplayCheck(IDocumentStore store, EventJournal journal)
{
    private const int BatchSize = 1_000;
    private const int MaxFindingsPerKind = 200;

    public async Task<ReplayReport> Run(TextReader lines, CancellationToken ct = default)
    {
        var pass = new Pass(ReplayKinds.All(store).ToDictionary(k => k.Kind), new StoredEvents(store));
        while (await lines.ReadLineAsync(ct) is { } line)
        {
            pass.Line++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            pass.Read(line);
            if (pass.Pending.Count >= BatchSize) await pass.CompareWithStore(ct);
        }
        await pass.CompareWithStore(ct);
        var integrity = pass.End();

        var history = new StreamHistory(store);
        var verdicts = new List<StreamVerdict>();
        foreach (var (key, s) in pass.Streams.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            verdicts.Add(await Judge(key, s, pass.Kinds, history, ct));
        return new ReplayReport(pass.Line, pass.Events, verdicts, pass.Findings, pass.LeftOut, pass.Chained == true, pass.Trailer, integrity);
    }

    private async Task<StreamVerdict> Judge(string key, StreamState s, IReadOnlyDictionary<string, IKindReplay> kinds, StreamHistory history, CancellationToken ct)
    {
        if (s.Difference is { } difference) return new(key, s.Version, ReplayOutcome.Differs, difference);
        if (s.Gap is { } gap) return new(key, s.Version, ReplayOutcome.Incomplete, $"{gap}: each event was compared with the store, the folded state was not");
        var kind = key.Split('/', 2)[0];
        if (s.Fold is null) return new(key, s.Version, ReplayOutcome.NotChecked, $"no fold for streams of kind '{kind}': each event was compared with the store");
        var stored = await kinds[kind].Stored(journal, history, key, s.Version, ct);
        if (stored is null) return new(key, s.Version, ReplayOutcome.Differs, $"the stored stream does not reach v{s.Version}");
        var moved = stored.CurrentVersion > s.Version ? $" (stored stream has moved on to v{stored.CurrentVersion})" : "";
        var replayed = s.Fold.StateJson();
        if (replayed == stored.Json) return new(key, s.Version, ReplayOutcome.Agrees, "replayed state = stored state" + moved);
        using var a = JsonDocument.Parse(replayed);
        using var b = JsonDocument.Parse(stored.Json);
        var where = JsonDifference.Find(a.RootElement, b.RootElement) ?? "same values, different order";
        return new(key, s.Version, ReplayOutcome.Differs, $"the state folded from the file differs from the stored state: {where}{moved}");
    }

    /// <summary>One reading of a file: the chain so far, the streams being folded, the lines waiting for their stored events.</summary>
    private sealed class Pass(IReadOnlyDictionary<string, IKindReplay> kinds, StoredEvents stored)
    {
        private byte[] _previousHash = ExportChain.Genesis();
        private bool _resynchronise;
        private long _lastSequence, _lastSequenceLine, _lastContentLine, _unreadable, _differs;

        public IReadOnlyDictionary<string, IKindReplay> Kinds => kinds;
        public long Line { get; set; }
        public long Events { get; private set; }
        public bool? Chained { get; private set; }
        public bool ChainBroken { get; private set; }
        public ExportTrailer? Trailer { get; private set; }
        public long? TrailerLine { get; private set; }
        public List<LineFinding> Findings { get; } = [];
        public long LeftOut { get; private set; }
        public Dictionary<string, StreamState> Streams { get; } = new(StringComparer.Ordinal);
        public List<(long Line, ExportedEvent Event)> Pending { get; } = [];

        public void Read(string line)
        {
            _lastContentLine = Line;
            if (TrailerLine is { } trailerAt)
            {
                Differs($"follows the trailer (line {trailerAt}): lines were added after the export ended");
                return;
            }
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e)
            {
                Unreadable($"not a complete JSON line, cut short or edited ({e.Message})");
                return;
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) Unreadable("not a JSON object");
                else if (ExportTrailer.IsTrailer(root)) ReadTrailer(root);
                else ReadEvent(line, root);
            }
        }

        private void ReadEvent(string line, JsonElement root)
        {
            var e = ExportLine.Read(root, out var problem);
            if (e is null)
            {
                Unreadable($"the event line {problem}");
                return;
            }
            CheckChain(line);
            if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() != e.Kind)
                Differs($"kind is {kind.GetString()} but the stream {e.Stream} is of kind {e.Kind}");
            if (e.Sequence <= _lastSequence)
                Differs($"sequence {e.Sequence} does not follow line {_lastSequenceLine}'s {_lastSequence}: lines are out of order or repeated");
            (_lastSequence, _lastSequenceLine) = (e.Sequence, Line);
            Events++;
            if (!Streams.TryGetValue(e.Stream, out var s))
                Streams[e.Stream] = s = new StreamState(kinds.GetValueOrDefault(e.Kind)?.Start());
            s.Add(e, Line);
            Pending.Add((Line, e));
        }

        private void CheckChain(string line)
        {
            var hashed = ExportChain.TrySplit(line, out var content, out var stated);
            Chained ??= hashed;
            if (Chained == false)
            {
                if (hashed) ChainDiffers("carries a hash though the lines before it have none: it was inserted or edited");
                return;
            }
            if (!hashed)
            {
                ChainDiffers("has no hash though the lines before it do: it was inserted or edited");
                return;
            }
            var expected = ExportChain.Hex(ExportChain.Next(_previousHash, content));
            if (expected != stated && !_resynchronise)
                ChainDiffers("its hash does not match its content and the line before it: this line was altered, or a line before it was removed, added or moved");
            // Go on from the stated hash, so one altered line is reported once, not at every line after it.
            _previousHash = Convert.FromHexString(stated);
            _resynchronise = false;
        }

        private void ReadTrailer(JsonElement root)
        {
            TrailerLine = Line;
            var trailer = ExportTrailer.Read(root, out var problem);
            if (trailer is null)
            {
                Unreadable(problem!);
                return;
            }
            Trailer = trailer;
            Chained ??= true; // an empty export: nothing but its trailer
            if (Chained == false) ChainDiffers("a trailer after lines without hashes: the file was pieced together");
            else if (trailer.Events != Events)
                ChainDiffers($"the trailer counts {trailer.Events:N0} events but the file holds {Events:N0}: lines were removed or added");
            else if (trailer.Digest != ExportChain.Hex(_previousHash))
                ChainDiffers("the trailer's digest is not the last line's hash: the file's lines or its trailer were changed");
            else if (Events > 0 && trailer.LastSequence != _lastSequence)
                ChainDiffers($"the trailer's last sequence is {trailer.LastSequence} but the last line's is {_lastSequence}");
        }

        public async Task CompareWithStore(CancellationToken ct)
        {
            if (Pending.Count == 0) return;
            var found = await stored.At(Pending.Select(p => p.Event.Sequence).Distinct().ToList(), ct);
            foreach (var (line, e) in Pending)
                if (StoredEvents.Difference(e, found.GetValueOrDefault(e.Sequence)) is { } difference)
                {
                    var problem = $"{e.Stream} v{e.Version} ({e.Alias}, sequence {e.Sequence}): {difference}";
                    Add(new LineFinding(line, FindingKind.Differs, problem));
                    Streams[e.Stream].Differs($"line {line} differs from the stored event: {difference}");
                }
            Pending.Clear();
        }

        /// <summary>Closes the pass; returns what the file's own integrity says.</summary>
        public string End()
        {
            if (Chained == true && TrailerLine is null)
            {
                ChainDiffers($"the file ends after line {_lastContentLine} without its trailer: its tail is missing (cut short, or lines removed at the end)", _lastContentLine);
                return "hash chain present but no trailer: the file's tail is missing";
            }
            if (Chained != true) return "unverifiable tail: older format without hash chain or trailer (e.g. GET /events); " +
                "every line was compared with the store, but lines missing from the file cannot be detected";
            return ChainBroken || Trailer is null ? "hash chain or trailer broken (see the lines above)"
                : $"hash chain intact, trailer matches ({Trailer.Events:N0} events, digest {Trailer.Digest[..16]}…)";
        }

        private void ChainDiffers(string problem, long? line = null)
        {
            ChainBroken = true;
            Add(new LineFinding(line ?? Line, FindingKind.Differs, problem));
        }

        private void Differs(string problem) => Add(new LineFinding(Line, FindingKind.Differs, problem));

        private void Unreadable(string problem)
        {
            // The next line's hash builds on this one's, which could not be checked: start again from it.
            _resynchronise = true;
            Add(new LineFinding(Line, FindingKind.Unreadable, problem));
        }

        private void Add(LineFinding finding)
        {
            var count = finding.Kind == FindingKind.Unreadable ? ++_unreadable : ++_differs;
            if (count <= MaxFindingsPerKind) Findings.Add(finding);
            else LeftOut++;
        }
    }

    private sealed class StreamState(IStreamReplay? fold)
    {
        public IStreamReplay? Fold { get; } = fold;
        public long Version { get; private set; }

        /// <summary>Why the stream is partial in the file: its state cannot be compared.</summary>
        public string? Gap { get; private set; }

        /// <summary>The first difference found in the stream's lines.</summary>
        public string? Difference { get; private set; }

        public void Differs(string difference) => Difference ??= difference;

        public void Add(ExportedEvent e, long line)
        {
            if (Gap is null && e.Version != Version + 1)
                Gap = Version == 0 ? $"starts at v{e.Version} (line {line}), not v1" : $"v{Version} is followed by v{e.Version} (line {line})";
            Version = Math.Max(Version, e.Version);
            if (Gap is not null || Difference is not null || Fold is null) return;
            try { Fold.Apply(e.Alias, e.DataJson); }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or NotSupportedException or InvalidCastException)
            {
                Differs($"line {line}: v{e.Version} ({e.Alias}) does not fold: {ex.Message}");
            }
        }
    }
}
