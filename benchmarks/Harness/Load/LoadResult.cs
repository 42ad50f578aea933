using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Load;

/// <summary>Everything one load level observed at the callers.</summary>
public sealed class LoadResult
{
    public required LoadPlan Plan { get; init; }
    public required long Attempted { get; init; }
    public required long Accepted { get; init; }
    public required long Rejected { get; init; }
    public required long Failed { get; init; }
    public required IReadOnlyDictionary<string, long> RejectionsByCode { get; init; }
    public required IReadOnlyList<string> FailureSamples { get; init; }

    /// <summary>Token number per claim index; 0 where the claim was not accepted or never made.</summary>
    public required long[] TokenByClaim { get; init; }

    public required LatencyRecorder AllClaims { get; init; }
    public required LatencyRecorder AcceptedClaims { get; init; }
    public required SteadyThroughput Throughput { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required bool StoppedByTimeLimit { get; init; }

    /// <summary>CPU per accepted claim over the whole level, when the level was given a meter.</summary>
    public CpuPerClaim? Cpu { get; init; }

    public IEnumerable<long> AcceptedTokens => TokenByClaim.Where(t => t > 0);
}
