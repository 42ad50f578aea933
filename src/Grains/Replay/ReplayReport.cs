namespace MicroEvents.Replay;

/// <summary>The replay verdict; its value is the <c>replay</c> verb's exit code.</summary>
public enum ReplayVerdict
{
    /// <summary>Every line is intact and equals the stored event; every complete stream folds to the stored state.</summary>
    Identical = 0,
    /// <summary>A line, the hash chain, the trailer or a folded state differs from what is stored.</summary>
    Differs = 1,
    /// <summary>A line does not read (cut short, not JSON, a field missing), or the file is missing.</summary>
    Unreadable = 2,
    /// <summary>Everything present agrees, but the file has no hash chain and trailer (an older export, or <c>GET /events</c>): a missing tail or a removed line cannot be ruled out.</summary>
    Unverifiable = 3,
}

public enum FindingKind { Unreadable, Differs }

/// <summary>A problem with one line of the file (1-based, as an editor counts).</summary>
public sealed record LineFinding(long Line, FindingKind Kind, string Problem)
{
    public override string ToString() => $"line {Line}: {(Kind == FindingKind.Unreadable ? "unreadable" : "differs")}: {Problem}";
}

public enum ReplayOutcome { Agrees, Differs, Incomplete, NotChecked }

public sealed record StreamVerdict(string Stream, long Version, ReplayOutcome Outcome, string Detail);

public sealed record ReplayReport(
    long Lines,
    long Events,
    IReadOnlyList<StreamVerdict> Streams,
    IReadOnlyList<LineFinding> Findings,
    long FindingsLeftOut,
    bool Chained,
    ExportTrailer? Trailer,
    string Integrity)
{
    public ReplayVerdict Verdict =>
        Findings.Any(f => f.Kind == FindingKind.Unreadable) ? ReplayVerdict.Unreadable
        : Findings.Count > 0 || Streams.Any(s => s.Outcome == ReplayOutcome.Differs) ? ReplayVerdict.Differs
        : !Chained || Trailer is null ? ReplayVerdict.Unverifiable
        : ReplayVerdict.Identical;

    public int ExitCode => (int)Verdict;

    /// <summary>No line and no stream differs (the file may still be unverifiable: see <see cref="Verdict"/>).</summary>
    public bool AllAgree => Verdict is ReplayVerdict.Identical or ReplayVerdict.Unverifiable;

    public int Count(ReplayOutcome outcome) => Streams.Count(s => s.Outcome == outcome);
}
