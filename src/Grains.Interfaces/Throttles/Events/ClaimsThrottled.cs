using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Throttles.Events;

/// <summary>
/// One client address claimed for more distinct wallets on the drop than a window allows; its further
/// new wallets were refused with <c>challenge-required</c>. Recorded once per client and window.
/// </summary>
[Description("One client address claimed for more distinct wallets on the drop than a window allows; its further new wallets were refused (challenge-required).")]
[GenerateSerializer, Immutable, EventAlias("throttle.claims_throttled.v1")]
public sealed record ClaimsThrottled(
    [property: Id(0), Description("The drop the claims were for.")] string DropId,
    [property: Id(1), Description("The client address as the gateway saw it.")] string Client,
    [property: Id(2), Description("Distinct wallets this client claimed for in the window.")] int DistinctWallets,
    [property: Id(3), Description("The most distinct wallets one client may claim for in a window.")] int WalletLimit,
    [property: Id(4), Description("Length of the window in seconds.")] int WindowSeconds,
    [property: Id(5), Description("When the refusal was recorded.")] DateTimeOffset At) : ThrottleEvent;
