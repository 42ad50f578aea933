namespace MicroEvents.Live;

/// <summary>
/// A drop's live publisher, one per drop in the cluster. While anyone watches it reads the drop's stream a
/// few times a second and publishes what changed, coalesced: a drop minting 20,000 tokens a second still
/// sends a handful of messages. Gateways watch it once per drop and share that among their clients.
/// </summary>
public interface ILiveDropGrain : IGrainWithStringKey
{
    /// <summary>Starts or renews a watch (it lapses unless renewed within a minute); answers the drop as it is now.</summary>
    Task<LiveMessage> Watch(IDropLiveObserver observer);

    Task Unwatch(IDropLiveObserver observer);
}

/// <summary>Receives a drop's live messages; every message is also readable later from the drop's stream.</summary>
public interface IDropLiveObserver : IGrainObserver
{
    void Published(LiveBatch batch);
}

/// <summary>Live messages read back from the drop's stream: what a client that reconnects missed.</summary>
public interface ILiveHistoryGrain : IGrainWithStringKey
{
    /// <summary>Status changes after version <paramref name="after"/> up to <paramref name="through"/>, then the drop as of <paramref name="through"/>.</summary>
    Task<IReadOnlyList<LiveMessage>> Between(long after, long through);
}
