namespace MicroEvents.Gateway.Live;

/// <summary>Settings of this gateway's live streams (section <c>Gateway:Live</c>).</summary>
public sealed class LiveFeedOptions
{
    /// <summary>A comment line is sent on a stream that had nothing to say for this long, so proxies keep it open.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Messages one client may fall behind before it is dropped (it reconnects with Last-Event-ID and misses nothing).</summary>
    public int ClientBuffer { get; set; } = 64;

    /// <summary>Open live streams this gateway process serves at most; more are answered 503.</summary>
    public int MaxStreams { get; set; } = 20_000;
}
