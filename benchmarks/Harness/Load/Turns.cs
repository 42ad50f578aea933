using System.Diagnostics;

namespace MicroEvents.Benchmarks.Load;

/// <summary>
/// Which of two sides (0 or 1) an alternating load claims from (many-vs-hot, default-vs-readers-off): every call reads
/// <see cref="Side"/>, the scenario switches it, and all callers follow together.
/// </summary>
public sealed class Turns(TimeSpan window)
{
    private int _side;

    public int Side => Volatile.Read(ref _side);

    public void Switch(int side) => Volatile.Write(ref _side, side);

    /// <summary>Switches side every window until <paramref name="warmup"/> has passed or the load ended: both sides warm.</summary>
    public async Task WarmUp(Task load, TimeSpan warmup, CancellationToken ct)
    {
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < warmup && !load.IsCompleted)
        {
            Switch(1 - Side);
            var left = warmup - warming.Elapsed;
            await Task.WhenAny(load, Task.Delay(left < window ? left : window, ct));
        }
    }

    /// <summary>The side of measured window <paramref name="w"/>: first, other, other, first, …, so a drift within a pair of windows weighs on both sides alike.</summary>
    public static int OfWindow(int w, int first) => w % 4 is 0 or 3 ? first : 1 - first;
}
