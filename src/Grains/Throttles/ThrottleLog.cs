using MicroEvents.EventSourcing;
using MicroEvents.Throttles.Events;

namespace MicroEvents.Throttles;

/// <summary>How often a drop throttled claimers; the events themselves are what analysts read.</summary>
[GenerateSerializer, Immutable]
public sealed record ThrottleLog([property: Id(0)] long Refusals) : IEventFold<ThrottleLog, ThrottleEvent>
{
    public static ThrottleLog Initial => new(0);

    public ThrottleLog Apply(ThrottleEvent @event) => @event switch
    {
        ClaimsThrottled => this with { Refusals = Refusals + 1 },
        _ => this,
    };
}
