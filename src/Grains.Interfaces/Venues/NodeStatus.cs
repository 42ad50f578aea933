namespace MicroEvents.Venues;

/// <summary>
/// A node's health as the gateway sees it: <see cref="Online"/> while heartbeats arrive on time within the
/// thresholds, <see cref="Degraded"/> when one is late or round-trip time or clock offset is out of bounds,
/// <see cref="Offline"/> after several missed heartbeats (and before the first).
/// </summary>
public enum NodeStatus { Offline, Degraded, Online }
