namespace MicroEvents.Health;

/// <summary>Answers from inside the cluster whether PostgreSQL is reachable: one call proves both.</summary>
public interface IStorageHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Round trip to PostgreSQL; throws when it is unreachable.</summary>
    Task<TimeSpan> Ping();
}
