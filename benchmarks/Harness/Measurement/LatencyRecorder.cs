using System.Diagnostics;
using HdrHistogram;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Per-claim latency in microseconds, 1 µs to 1 hour at 3 significant digits, recorded concurrently
/// by every caller into one HdrHistogram.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicros = 3_600_000_000;
    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicros, 3);

    public void Record(long startTimestamp, long endTimestamp)
    {
        var micros = (endTimestamp - startTimestamp) * 1_000_000 / Stopwatch.Frequency;
        _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicros));
    }

    public void RecordElapsed(TimeSpan elapsed) =>
        _histogram.RecordValue(Math.Clamp((long)(elapsed.Ticks / 10), 1, HighestMicros));

    public long Count => _histogram.TotalCount;

    public LatencySummary Summary() => Count == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0)
        : new LatencySummary(
            Count,
            Millis(_histogram.GetValueAtPercentile(50)),
            Millis(_histogram.GetValueAtPercentile(95)),
            Millis(_histogram.GetValueAtPercentile(99)),
            Millis(_histogram.GetMaxValue()),
            Math.Round(_histogram.GetMean() / 1000.0, 3));

    private static double Millis(long micros) => Math.Round(micros / 1000.0, 3);
}

/// <summary>Latency percentiles in milliseconds (HdrHistogram's highest equivalent value at each percentile).</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs);
