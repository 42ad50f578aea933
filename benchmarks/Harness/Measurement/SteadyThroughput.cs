using System.Diagnostics;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Accepted claims per second over the steady window: between the completions of the accepted claims
/// at the 5th and the 95th percentile of acceptance order, so warm-up (pools, batching ramp-up) and the
/// wind-down (last callers finishing, sold-out tail) are left out. <see cref="Overall"/> is accepted
/// claims over the whole level, first call to last answer.
/// </summary>
public sealed record SteadyThroughput(double PerSecond, double Overall, long WindowAccepted, double WindowSeconds)
{
    public const string Definition =
        "accepted claims per second between the completion of the accepted claim at the 5th percentile and the one at " +
        "the 95th percentile of acceptance order (first and last 5% of accepted claims excluded as warm-up and wind-down); " +
        "levels with fewer than 100 accepted claims use the overall rate";

    public static SteadyThroughput From(Span<long> acceptedAtTimestamps, long start, long end)
    {
        var count = acceptedAtTimestamps.Length;
        var seconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        var overall = seconds > 0 ? count / seconds : 0;
        if (count < 100) return new SteadyThroughput(Math.Round(overall, 1), Math.Round(overall, 1), count, Math.Round(seconds, 3));

        acceptedAtTimestamps.Sort();
        var from = (int)(count * 0.05);
        var to = (int)(count * 0.95) - 1;
        var window = Stopwatch.GetElapsedTime(acceptedAtTimestamps[from], acceptedAtTimestamps[to]).TotalSeconds;
        var claims = to - from;
        var rate = window > 0 ? claims / window : overall;
        return new SteadyThroughput(Math.Round(rate, 1), Math.Round(overall, 1), claims, Math.Round(window, 3));
    }
}
