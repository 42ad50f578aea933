namespace MicroEvents.EventSourcing;

public sealed class JournalOptions
{
    /// <summary>Store a snapshot whenever a stream crosses a multiple of this many events; 0 turns snapshots off.</summary>
    public int SnapshotEvery { get; set; } = 10_000;

    /// <summary>
    /// How long a command may wait for storage before it is answered <c>unavailable</c> (503): an outage
    /// must never look like a hang. Its events may still be stored later; a retry with the same id tells.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>At most this many events of one actor wait for storage; beyond it, commands are answered <c>unavailable</c>.</summary>
    public int MaxUnconfirmedEvents { get; set; } = 50_000;
}
