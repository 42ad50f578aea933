using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("A custodial token was handed off: once its root is anchored, settlement mints it on chain to the wallet (claimHandedOff).")]
[GenerateSerializer, Immutable, EventAlias("settlement.delivery_queued.v1")]
public sealed record DeliveryQueued(
    [property: Id(0), Description("The drop.")] string DropId,
    [property: Id(1), Description("The custodial claim handed off.")] string ClaimId,
    [property: Id(2), Description("The wallet it was handed to, EIP-55.")] string Wallet,
    [property: Id(3), Description("When it was queued.")] DateTimeOffset QueuedAt) : SettlementEvent;
