namespace MicroEvents.Venues;

/// <summary>
/// When a node counts as online, degraded or offline (configuration section <c>Venues</c>). A heartbeat is
/// expected every <see cref="HeartbeatEvery"/>; one missed (with a full period of grace) degrades the node,
/// <see cref="MissedForOffline"/> missed take it offline.
/// </summary>
public sealed class NodeThresholds
{
    public TimeSpan HeartbeatEvery { get; set; } = TimeSpan.FromSeconds(15);
    public int MissedForOffline { get; set; } = 3;

    /// <summary>The seeds' target for wallet interactions: a round trip under 250 ms.</summary>
    public int RttTargetMs { get; set; } = 250;

    public int MaxClockOffsetMs { get; set; } = 1000;

    /// <summary>How often a durable reminder re-derives the status when no heartbeat comes.</summary>
    public TimeSpan StatusCheckEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far a signed request's timestamp may be from the gateway's clock (the replay window).</summary>
    public TimeSpan RequestWindow { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan DegradedAfter => HeartbeatEvery * 2;
    public TimeSpan OfflineAfter => HeartbeatEvery * (MissedForOffline + 1);
}
