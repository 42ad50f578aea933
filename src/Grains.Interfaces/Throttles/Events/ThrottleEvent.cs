namespace MicroEvents.Throttles.Events;

/// <summary>Abuse refusals on one drop, for analysts; stream <c>throttle/{dropId}</c>. Counts only, never credentials.</summary>
[GenerateSerializer, Immutable]
public abstract record ThrottleEvent;
