using System.Collections.Concurrent;
using System.Diagnostics;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// The bot signal: how many distinct wallets one client address claims for on one drop within a sliding
/// window. A phone claims for one wallet; a script cycling through fresh wallets is what this stops.
/// </summary>
public sealed class WalletSpread
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _observations;

    public readonly record struct Verdict(bool Refused, int DistinctWallets, bool FirstRefusalInWindow);

    public Verdict Observe(string dropId, string client, string walletKey, int maxWallets, TimeSpan window)
    {
        var now = Stopwatch.GetElapsedTime(0);
        if (Interlocked.Increment(ref _observations) % 4096 == 0) Sweep(now, window);

        var entry = _windows.GetOrAdd($"{dropId}|{client}", _ => new Window());
        lock (entry)
        {
            entry.Evict(now - window);
            if (entry.LastSeen.ContainsKey(walletKey) || entry.LastSeen.Count < maxWallets)
            {
                entry.LastSeen[walletKey] = now;
                return new Verdict(false, entry.LastSeen.Count, false);
            }
            var first = entry.LastRefusal is null || entry.LastRefusal < now - window;
            if (first) entry.LastRefusal = now;
            return new Verdict(true, entry.LastSeen.Count + 1, first);
        }
    }

    private void Sweep(TimeSpan now, TimeSpan window)
    {
        foreach (var (key, entry) in _windows)
            lock (entry)
            {
                entry.Evict(now - window);
                if (entry.LastSeen.Count == 0) _windows.TryRemove(key, out _);
            }
    }

    private sealed class Window
    {
        public Dictionary<string, TimeSpan> LastSeen { get; } = new(StringComparer.Ordinal);
        public TimeSpan? LastRefusal { get; set; }

        public void Evict(TimeSpan before)
        {
            foreach (var (wallet, seen) in LastSeen)
                if (seen < before) LastSeen.Remove(wallet);
        }
    }
}
