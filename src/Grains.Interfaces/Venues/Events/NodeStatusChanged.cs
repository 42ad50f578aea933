using System.ComponentModel;
using System.Text.Json.Serialization;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node's status changed (online, degraded, offline), from a heartbeat or from heartbeats missed.")]
[GenerateSerializer, Immutable, EventAlias("node.status_changed.v1")]
public sealed record NodeStatusChanged(
    [property: Id(0), Description("The status before."), JsonConverter(typeof(NodeStatusJson))] NodeStatus From,
    [property: Id(1), Description("The status now."), JsonConverter(typeof(NodeStatusJson))] NodeStatus To,
    [property: Id(2), Description("Why, for people: e.g. 'no heartbeat for 95 s', 'rtt 400 ms over 250 ms'.")] string Reason,
    [property: Id(3), Description("When it changed (the gateway's clock).")] DateTimeOffset At) : NodeEvent;
