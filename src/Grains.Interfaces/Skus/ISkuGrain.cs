using MicroEvents.EventSourcing;

namespace MicroEvents.Skus;

/// <summary>
/// One SKU's physical stock, keyed by <see cref="SkuId"/>. Every change is an event; stock never goes
/// negative, whatever runs concurrently. Reservations are keyed by the caller's id (a fulfilment
/// order's id), so a retried reserve, release or ship counts once.
/// </summary>
public interface ISkuGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Defines the SKU; the same definition again answers <c>false</c> and changes nothing.</summary>
    Task<bool> Define(SkuDefinition definition);

    Task<SkuView> Receive(StockMove move);

    /// <summary>Corrects stock by <see cref="StockMove.Quantity"/> (either sign) with a reason; never below what is reserved.</summary>
    Task<SkuView> Adjust(StockMove move);

    /// <summary>
    /// Holds one unit. <paramref name="variant"/> null holds "any variant" (the claimant has not chosen yet);
    /// calling again with a variant places the hold on that variant at a location that has it.
    /// </summary>
    Task<StockReservation> Reserve(string reservationId, string? variant);

    /// <summary>Gives a held unit back; true if this call released it.</summary>
    Task<bool> Release(string reservationId, string reason);

    /// <summary>The held unit left the warehouse: on-hand and the hold both drop by one.</summary>
    Task<bool> Ship(string reservationId);

    Task<SkuView> GetSku();
}
