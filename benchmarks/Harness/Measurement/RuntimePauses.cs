using System.Diagnostics;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// How long the harness process (in-process silo, gateway and load client) stood still during a sustained load:
/// garbage-collection pause time (<see cref="GC.GetTotalPauseDuration"/>) and gen-2 collections over the window, and
/// the longest stall anywhere in the load, warm-up included, seen by a dedicated thread that wakes every 50 ms (what
/// Orleans' watchdog calls "the .NET runtime platform stalled": a GC pause, or no core for this process). A claim is
/// answered 503 after the 4-s command timeout, so a stall of seconds is what turns a slow machine into 503s.
/// </summary>
public sealed class RuntimePauses : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly Thread _thread;
    private volatile bool _stopped;
    private long _longestStallTicks;
    private long _stallsOverOneSecond;
    private TimeSpan _pause0;
    private int _gen20;
    private long _allocated0;
    private TimeSpan _jit0;
    private long _jitted0;

    public RuntimePauses()
    {
        _thread = new Thread(Watch) { IsBackground = true, Name = "runtime-pause probe", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public void WindowStarts()
    {
        (_pause0, _gen20, _allocated0) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        (_jit0, _jitted0) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    public RuntimePauseResult WindowEnds(double windowSeconds)
    {
        var pause = GC.GetTotalPauseDuration() - _pause0;
        return new RuntimePauseResult(Math.Round(pause.TotalMilliseconds), Math.Round(100 * pause.TotalSeconds / Math.Max(windowSeconds, 0.001), 1),
            GC.CollectionCount(2) - _gen20, Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _longestStallTicks)).TotalMilliseconds),
            Interlocked.Read(ref _stallsOverOneSecond))
        {
            AllocatedBytes = GC.GetTotalAllocatedBytes() - _allocated0,
            JitMs = Math.Round((System.Runtime.JitInfo.GetCompilationTime() - _jit0).TotalMilliseconds),
            MethodsJitted = System.Runtime.JitInfo.GetCompiledMethodCount() - _jitted0,
        };
    }

    /// <summary>The window's figures with the stalls seen up to now (call once the load has ended: over the whole load).</summary>
    public RuntimePauseResult ThroughLoad(RuntimePauseResult window) => window with
    {
        LongestStallMs = Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _longestStallTicks)).TotalMilliseconds),
        StallsOverOneSecond = Interlocked.Read(ref _stallsOverOneSecond),
    };

    private void Watch()
    {
        var clock = Stopwatch.StartNew();
        while (!_stopped)
        {
            var before = clock.Elapsed;
            Thread.Sleep(Tick);
            var late = clock.Elapsed - before - Tick;
            if (late.Ticks > Interlocked.Read(ref _longestStallTicks)) Interlocked.Exchange(ref _longestStallTicks, late.Ticks);
            if (late > TimeSpan.FromSeconds(1)) Interlocked.Increment(ref _stallsOverOneSecond);
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}

/// <param name="GcPauseMs">GC pause time over the window.</param>
/// <param name="GcPausePercent">That time as a share of the window.</param>
/// <param name="Gen2Collections">Gen-2 collections over the window.</param>
/// <param name="LongestStallMs">The longest the probe thread woke late, over the whole load (warm-up included).</param>
/// <param name="StallsOverOneSecond">Stalls longer than 1 s over the whole load.</param>
public sealed record RuntimePauseResult(double GcPauseMs, double GcPausePercent, int Gen2Collections, double LongestStallMs, long StallsOverOneSecond)
{
    /// <summary>Bytes the harness process allocated over the window (every thread: silo, gateway, load client).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>
    /// Time the JIT compiled over the window, and the methods it compiled (tiered compilation recompiles hot methods for
    /// minutes after a start; a window that still pays for it is not yet the steady state a long-running silo reaches).
    /// </summary>
    public double JitMs { get; init; }

    public long MethodsJitted { get; init; }

    public const string Definition = "harness process (silo, gateway, load client): GC pause time, gen-2 collections and bytes allocated over the window (GC.GetTotalPauseDuration, GC.GetTotalAllocatedBytes); JIT compilation time and methods compiled over the window (JitInfo); " +
        "longest stall over the whole load, warm-up included: how late a dedicated thread sleeping 50 ms woke (a GC pause, or no core for the process)";
}
