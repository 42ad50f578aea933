namespace MicroEvents.EventSourcing;

/// <summary>What every event-sourced actor offers besides its own commands.</summary>
public interface IJournaledActor
{
    /// <summary>The raw stream from <paramref name="fromVersion"/> (1-based), at most <paramref name="limit"/> events.</summary>
    Task<IReadOnlyList<StoredEvent>> GetEvents(long fromVersion, int limit);

    Task<JournalStats> GetJournalStats();
}
