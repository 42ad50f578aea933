using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>One load level of one scenario: every figure the report shows, and its correctness checks.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    /// <summary>How a claim travels: grain call, HTTP through the gateway, or SQL.</summary>
    public required string Path { get; init; }

    public required int Concurrency { get; init; }
    public required int Drops { get; init; }
    public required long SupplyPerDrop { get; init; }
    public required long PlannedAttempts { get; init; }
    public required long Attempted { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public required IReadOnlyDictionary<string, long> RejectionsByCode { get; init; }

    /// <summary>"supply exhausted" or "time limit".</summary>
    public required string StoppedBy { get; init; }

    public required double ElapsedSeconds { get; init; }

    /// <summary>Accepted claims per second over the steady window (see the report's definitions).</summary>
    public required double ClaimsPerSecond { get; init; }

    public required double OverallClaimsPerSecond { get; init; }
    public required long SteadyWindowClaims { get; init; }
    public required double SteadyWindowSeconds { get; init; }

    /// <summary>Every claim call, accepted or rejected.</summary>
    public required LatencySummary Latency { get; init; }

    public required LatencySummary AcceptedLatency { get; init; }

    /// <summary>Appends (PostgreSQL transactions) that wrote the mints; for the baseline, one per accepted claim.</summary>
    public long? MintAppends { get; init; }

    public double? MintsPerAppend { get; init; }
    public long? StoredEvents { get; init; }

    /// <summary>Single-stream levels: events per append and time between appends (from the stream's server timestamps).</summary>
    public AppendCycles? AppendCycles { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>CPU µs per acknowledged claim per process group (over the level, or over the sustained window).</summary>
    public CpuPerClaim? Cpu { get; init; }

    /// <summary>Sustained scenarios: the measured steady-state window, readers' lag, top statements.</summary>
    public SustainedResult? Sustained { get; init; }

    /// <summary>many-vs-hot and default-vs-readers-off: both sides' windows, taken in turns from one load.</summary>
    public AlternatingResult? Alternating { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }

    public bool Passed => Checks.All(c => c.Passed);

    public static ScenarioResult From(string scenario, string path, LoadResult load, int drops, long supplyPerDrop, IReadOnlyList<Check> checks) => new()
    {
        Scenario = scenario,
        Path = path,
        Concurrency = load.Plan.Concurrency,
        Drops = drops,
        SupplyPerDrop = supplyPerDrop,
        PlannedAttempts = load.Plan.Attempts,
        Attempted = load.Attempted,
        Accepted = load.Accepted,
        Rejected = load.Rejected,
        Failed = load.Failed,
        RejectionsByCode = load.RejectionsByCode,
        StoppedBy = load.StoppedByTimeLimit ? $"time limit ({load.Plan.TimeLimit.TotalSeconds:0} s)" : "supply exhausted",
        ElapsedSeconds = Math.Round(load.Elapsed.TotalSeconds, 3),
        ClaimsPerSecond = load.Throughput.PerSecond,
        OverallClaimsPerSecond = load.Throughput.Overall,
        SteadyWindowClaims = load.Throughput.WindowAccepted,
        SteadyWindowSeconds = load.Throughput.WindowSeconds,
        Latency = load.AllClaims.Summary(),
        AcceptedLatency = load.AcceptedClaims.Summary(),
        Cpu = load.Cpu,
        Checks = [.. checks, TokenAudit.NoFailedCalls(load.Failed, load.FailureSamples)],
    };
}
