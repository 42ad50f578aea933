using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node reported in: its measured round-trip time, clock offset, queue depth and app version.")]
[GenerateSerializer, Immutable, EventAlias("node.heartbeat_received.v1")]
public sealed record HeartbeatReceived(
    [property: Id(0), Description("Round-trip time to the gateway the node measured, milliseconds.")] int RttMs,
    [property: Id(1), Description("The node's clock minus the gateway's, milliseconds.")] int ClockOffsetMs,
    [property: Id(2), Description("Requests waiting on the node.")] int QueueDepth,
    [property: Id(3), Description("The node software's version.")] string AppVersion,
    [property: Id(4), Description("When the gateway received it.")] DateTimeOffset At) : NodeEvent;
