using MicroEvents.EventSourcing;
using MicroEvents.Throttles.Events;

namespace MicroEvents.Throttles;

/// <summary>The record of bot throttling on one drop (keyed by drop id), read like any stream.</summary>
public interface IClaimThrottleGrain : IGrainWithStringKey, IJournaledActor
{
    Task Record(ClaimsThrottled refusal);
}
