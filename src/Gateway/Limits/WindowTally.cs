namespace MicroEvents.Gateway.Limits;

/// <summary>
/// One key's window as this gateway sees it: the cluster's total at the last reply, and what this gateway
/// admitted since that the cluster has not counted yet (unsent, or sent and unanswered). Guarded by its own lock.
/// </summary>
internal sealed class WindowTally(string key, int windowSeconds)
{
    public string Key { get; } = key;
    public int WindowSeconds { get; } = windowSeconds;

    /// <summary>The cluster's admissions in the window at the last reply (this gateway's included).</summary>
    public int Known { get; set; }

    /// <summary>When that window ends; until the first reply, already over.</summary>
    public DateTimeOffset KnownUntil { get; set; } = DateTimeOffset.MinValue;

    public int Unsent { get; set; }
    public int InFlight { get; set; }
    public int Unconfirmed => Unsent + InFlight;

    /// <summary>Removed from the gateway's table; a caller holding it looks the key up again.</summary>
    public bool Retired { get; set; }
}
