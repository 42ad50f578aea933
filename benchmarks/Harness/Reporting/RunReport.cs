using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Everything one run measured: written as JSON, summarised as Markdown, drawn as a chart.</summary>
public sealed record RunReport
{
    public int FormatVersion { get; init; } = 1;
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required MachineInfo Machine { get; init; }
    public required object Settings { get; init; }
    public required string Database { get; init; }
    public required IReadOnlyDictionary<string, string> Definitions { get; init; }
    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }
    public required IReadOnlyList<ColdStartResult> ColdStarts { get; init; }
    public required IReadOnlyList<Comparison> Comparisons { get; init; }

    /// <summary>Diagnostic: what the journal alone does per append, by batch size.</summary>
    public IReadOnlyList<AppendProbe> JournalCeiling { get; init; } = [];

    /// <summary>Diagnostic: read-only grain calls on one activation, no storage.</summary>
    public IReadOnlyList<CallProbe> CallCeiling { get; init; } = [];
    public required IReadOnlyList<TargetResult> Targets { get; init; }

    /// <summary>Issue #30's chain of ceilings at the headline level: each stage as a ratio of the one before, with CPU per claim.</summary>
    public IReadOnlyList<ChainLink> Chain { get; init; } = [];

    /// <summary>The fault scenario's figures and audit, when it ran.</summary>
    public FaultResult? Fault { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];

    public IEnumerable<Check> FailedChecks =>
        Scenarios.SelectMany(s => s.Checks.Where(c => !c.Passed).Select(c => c with { Name = $"{s.Scenario} @{s.Concurrency}: {c.Name}" }))
            .Concat(ColdStarts.SelectMany(s => s.Checks.Where(c => !c.Passed).Select(c => c with { Name = $"cold-start {s.Variant}: {c.Name}" })))
            .Concat(Fault?.Checks.Where(c => !c.Passed).Select(c => c with { Name = $"fault: {c.Name}" }) ?? []);

    public int CheckCount => Scenarios.Sum(s => s.Checks.Count) + ColdStarts.Sum(c => c.Checks.Count) + (Fault?.Checks.Count ?? 0);

    public bool CorrectnessPassed => Errors.Count == 0 && !FailedChecks.Any();
}
