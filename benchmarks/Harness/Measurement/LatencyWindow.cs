using System.Diagnostics;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Latency of the calls made inside a sustained run's measured window only: a call counts when it started after the
/// window opened and ended before it closed. The whole-load histogram also holds the warm-up (a new host's first
/// seconds, activations, readers settling in); issue #30 measured its p99 over the steady 20 s after a 30-s warm-up.
/// </summary>
public sealed class LatencyWindow
{
    private readonly LatencyRecorder _recorder = new();
    private long _opened = long.MaxValue;
    private long _closed = long.MaxValue;

    public void Open() => Volatile.Write(ref _opened, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref _closed, Stopwatch.GetTimestamp());

    public void Record(long startTimestamp, long endTimestamp)
    {
        if (startTimestamp >= Volatile.Read(ref _opened) && endTimestamp <= Volatile.Read(ref _closed))
            _recorder.Record(startTimestamp, endTimestamp);
    }

    public LatencySummary Summary() => _recorder.Summary();
}
