using MicroEvents.EventSourcing;
using MicroEvents.Throttles.Events;

namespace MicroEvents.Throttles;

/// <summary>Appends what the gateway refused; it decides nothing itself (the gateway already refused).</summary>
public sealed class ClaimThrottleGrain(EventJournal journal, TimeProvider clock)
    : EventSourcedGrain<ThrottleLog, ThrottleEvent>(journal, clock), IClaimThrottleGrain
{
    protected override string Kind => "throttle";

    public Task Record(ClaimsThrottled refusal) =>
        Execute(_ => new Decision<bool, ThrottleEvent>(true, [refusal with { DropId = this.GetPrimaryKeyString() }]));
}
