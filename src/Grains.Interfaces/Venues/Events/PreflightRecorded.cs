using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

[Description("The node ran its pre-doors checklist; each item passed or failed with a reason.")]
[GenerateSerializer, Immutable, EventAlias("node.preflight_recorded.v1")]
public sealed record PreflightRecorded(
    [property: Id(0), Description("True when every item passed.")] bool Passed,
    [property: Id(1), Description("The checklist: rtt, clock, manifests, key, quota, test-claim.")] IReadOnlyList<PreflightItem> Items,
    [property: Id(2), Description("When it ran.")] DateTimeOffset At) : NodeEvent;
