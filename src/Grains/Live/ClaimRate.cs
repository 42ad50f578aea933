using System.Diagnostics;

namespace MicroEvents.Live;

/// <summary>Claims per second over the last few seconds, from samples of the minted count (real elapsed time).</summary>
public sealed class ClaimRate(TimeSpan window)
{
    private readonly Queue<(long At, long Minted)> _samples = new();

    public double Sample(long minted) => Sample(Stopwatch.GetTimestamp(), minted);

    public double Sample(long at, long minted)
    {
        _samples.Enqueue((at, minted));
        // Keep one sample at or beyond the window's start, so the rate always spans the whole window.
        while (_samples.Count > 2 && Stopwatch.GetElapsedTime(_samples.ElementAt(1).At, at) >= window) _samples.Dequeue();
        var (oldestAt, oldestMinted) = _samples.Peek();
        var seconds = Stopwatch.GetElapsedTime(oldestAt, at).TotalSeconds;
        return seconds < 0.1 ? 0 : Math.Round(Math.Max(0, minted - oldestMinted) / seconds, 1);
    }
}
