using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment;

/// <summary>
/// One token's fulfilment order, keyed <see cref="OrderKey"/> (stream <c>order/{dropId}/{tokenNumber}</c>).
/// Claimant commands take the wallet that signed them (recovered by the gateway); only the token's wallet may act.
/// </summary>
public interface IFulfilmentOrderGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Holds stock and opens the order; again for the same token it answers the order as it is (an unmapped one tries again).</summary>
    Task<OrderView> Request(OrderRequest request);

    Task<OrderView> GetOrder();

    Task<OrderView> ProvideDetails(OrderDetails details, string signer);

    /// <summary>Where reminders go: an email the token's wallet gave (kept out of the events).</summary>
    Task<OrderView> GiveContact(string email, string signer);

    Task<OrderView> Report(PartnerReport report);

    /// <summary>Sends a dead-lettered order to the partner again (operators).</summary>
    Task<OrderView> Retry();

    Task<OrderView> RequestReturn(string reason, string signer);

    /// <summary>Checks the details deadline and the reminder mail by the clock; what the durable reminder calls.</summary>
    Task<OrderView> CheckDeadline();

    /// <summary>The partner call the order waits for (its outbox entry), or null: what the partner-submissions feed asks before calling.</summary>
    Task<PartnerWork?> PendingPartnerWork();

    /// <summary>How the feed's partner call ended; idempotent, and commutes with the partner's callbacks.</summary>
    Task<OrderView> RecordPartnerOutcome(PartnerOutcome outcome);
}

/// <summary>A short code for the packing table, resolving to its order (stream <c>shortcode/{code}</c>).</summary>
public interface IShortcodeGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Binds the code to <paramref name="orderId"/>; false when another order has it already.</summary>
    Task<bool> Assign(string orderId);

    Task<string?> Resolve();
}
