namespace MicroEvents.Venues;

/// <summary>
/// The nonces one node has spent, each kept until its request's timestamp leaves the replay window (after that
/// the gateway refuses the timestamp, so forgetting is safe): memory is bounded by the node's requests per window.
/// Per activation, not stored: see docs/security.md ("node requests") for what a silo failure means for it.
/// </summary>
public sealed class NodeNonces
{
    private readonly Dictionary<string, DateTimeOffset> _spent = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;

    public int Count => _spent.Count;

    /// <summary>True the first time <paramref name="nonce"/> is spent; false while it is remembered.</summary>
    public bool Spend(string nonce, DateTimeOffset rememberUntil, DateTimeOffset now)
    {
        Sweep(now);
        if (_spent.TryGetValue(nonce, out var until) && until >= now) return false;
        _spent[nonce] = rememberUntil;
        return true;
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now.AddSeconds(10);
        foreach (var (nonce, until) in _spent)
            if (until < now) _spent.Remove(nonce);
    }
}
