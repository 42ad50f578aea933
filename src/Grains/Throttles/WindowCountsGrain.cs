namespace MicroEvents.Throttles;

/// <summary>
/// Fixed windows counted once for the whole cluster. A window opens with the first admission of its key
/// and ends <c>WindowSeconds</c> later, the way the per-process limiter it replaces behaved; every gateway
/// learns the end from here, so their windows agree without synchronised clocks.
/// Not journaled: the counts are minutes old at most and are not history (refusals that matter to
/// analysts are recorded on the throttle stream).
/// </summary>
public sealed class WindowCountsGrain(TimeProvider clock) : Grain, IWindowCountsGrain
{
    private const int SweepEvery = 1024;
    private readonly Dictionary<string, (int Count, DateTimeOffset Until)> _windows = new(StringComparer.Ordinal);
    private int _calls;

    public Task<WindowTotal[]> Add(WindowAdmissions[] admissions)
    {
        var now = clock.GetUtcNow();
        if (++_calls % SweepEvery == 0) Sweep(now);

        var totals = new WindowTotal[admissions.Length];
        for (var i = 0; i < admissions.Length; i++)
        {
            var (key, seconds, count) = admissions[i];
            if (!_windows.TryGetValue(key, out var window) || window.Until <= now)
                window = (0, now + TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600)));
            window.Count = (int)Math.Min(int.MaxValue, (long)window.Count + Math.Max(0, count));
            _windows[key] = window;
            totals[i] = new WindowTotal(window.Count, window.Until - now);
        }
        return Task.FromResult(totals);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
            if (window.Until <= now) _windows.Remove(key);
    }
}
