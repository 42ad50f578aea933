using MicroEvents.EventSourcing;

namespace MicroEvents.Throttles.Events;

/// <summary>
/// One client address claimed for more distinct wallets on the drop than a window allows; its further
/// new wallets were refused with <c>challenge-required</c>. Recorded once per client and window.
/// </summary>
[GenerateSerializer, Immutable, EventAlias("throttle.claims_throttled.v1")]
public sealed record ClaimsThrottled(
    [property: Id(0)] string DropId,
    [property: Id(1)] string Client,
    [property: Id(2)] int DistinctWallets,
    [property: Id(3)] int WalletLimit,
    [property: Id(4)] int WindowSeconds,
    [property: Id(5)] DateTimeOffset At) : ThrottleEvent;
