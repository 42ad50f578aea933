namespace MicroEvents.Events;

/// <summary>
/// Every actor's stored events in global order, for analysts. Reads only (never activates or
/// disturbs the actors); one page per call so an export of millions of events holds one page at a time.
/// </summary>
public interface IEventLogGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="limit"/> events matching <paramref name="filter"/> with a sequence after <see cref="EventFilter.After"/>, in sequence order.</summary>
    Task<IReadOnlyList<ExportedEvent>> Read(EventFilter filter, int limit);
}
