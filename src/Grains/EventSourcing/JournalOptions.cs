namespace MicroEvents.EventSourcing;

public sealed class JournalOptions
{
    /// <summary>Store a snapshot whenever a stream crosses a multiple of this many events; 0 turns snapshots off.</summary>
    public int SnapshotEvery { get; set; } = 10_000;
}
