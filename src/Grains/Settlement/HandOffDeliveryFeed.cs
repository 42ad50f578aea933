using MicroEvents.Claims;
using MicroEvents.Claims.Events;
using MicroEvents.Feeds;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Settlement;

/// <summary>
/// Every custodial hand-off (<c>claim.token_handed_off.v1</c> in <c>claim/{drop}/{claim}</c>) goes to this signer's
/// settlement actor, which mints the token to the wallet on chain: all of a signer's transactions share its one
/// nonce sequence. Redelivery is harmless: the actor ignores hand-offs it knows.
/// </summary>
public sealed class HandOffDeliveryFeed(IGrainFactory grains, AnchorChain chain) : IFeedHandler
{
    public string Name => "settlement-handoffs";

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenHandedOff)];

    public async Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
    {
        var requests = events
            .Where(e => e.Data is TokenHandedOff)
            .Select(e => (Key: ClaimKey.Parse(e.StreamId), HandOff: (TokenHandedOff)e.Data))
            .Select(x => new DeliveryRequest(x.Key.DropId, x.Key.ClaimId, x.HandOff.Wallet))
            .ToList();
        if (requests.Count == 0) return;
        await grains.GetGrain<ISettlementGrain>(await chain.Key()).Deliver(requests);
    }
}
