namespace MicroEvents.Benchmarks;

public static class ConcurrencyLevels
{
    public static readonly int[] DefaultSweep = [1, 50, 500, 2000];

    /// <summary>The sweep to run, sorted, always including the headline level; null when unreadable.</summary>
    public static IReadOnlyList<int>? Parse(string? sweep, int headline, bool quick)
    {
        IEnumerable<int> levels;
        if (string.IsNullOrWhiteSpace(sweep))
        {
            levels = quick ? [headline] : DefaultSweep;
        }
        else
        {
            var parsed = new List<int>();
            foreach (var part in sweep.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, out var level) || level < 1) return null;
                parsed.Add(level);
            }
            levels = parsed;
        }

        return levels.Append(headline).Distinct().Order().ToArray();
    }
}
