using MicroEvents.EventSourcing;
using MicroEvents.Skus.Events;
using Orleans.Concurrency;

namespace MicroEvents.Skus;

/// <summary>
/// The SKU actor: a thin shell around <see cref="SkuDecisions"/> on stream <c>sku/{id}</c>. Reentrant so a
/// burst of reservations from many orders is group-committed; every decision runs against the tentative
/// state, so concurrent holds can never take more units than are on hand.
/// </summary>
[Reentrant]
public sealed class SkuGrain(EventJournal journal, TimeProvider clock) : EventSourcedGrain<SkuState, SkuEvent>(journal, clock), ISkuGrain
{
    protected override string Kind => "sku";

    private DateTimeOffset Now => Clock.GetUtcNow();

    public Task<bool> Define(SkuDefinition definition) => Execute(s => SkuDecisions.Define(s, definition, Now));

    public async Task<SkuView> Receive(StockMove move)
    {
        await Execute(s => SkuDecisions.Receive(s, move, Now));
        return View(Confirmed);
    }

    public async Task<SkuView> Adjust(StockMove move)
    {
        await Execute(s => SkuDecisions.Adjust(s, move, Now));
        return View(Confirmed);
    }

    public Task<StockReservation> Reserve(string reservationId, string? variant) =>
        Execute(s => SkuDecisions.Reserve(s, reservationId, variant, Now));

    public Task<bool> Release(string reservationId, string reason) => Execute(s => SkuDecisions.Release(s, reservationId, reason, Now));

    public Task<bool> Ship(string reservationId) => Execute(s => SkuDecisions.Ship(s, reservationId, Now));

    public async Task<SkuView> GetSku()
    {
        var state = await Stored();
        return state.Definition is null ? throw new Rejections.Rejected(SkuRejectionCodes.SkuNotFound, "No such SKU.") : View(state);
    }

    private SkuView View(SkuState s)
    {
        var lines = s.OnHand.SelectMany(l => l.Value.Select(v => new StockLine(l.Key, v.Key, v.Value, s.HeldAt(l.Key, v.Key)))).ToList();
        var available = s.Available;
        return new SkuView(this.GetPrimaryKeyString(), s.Definition!.Title, s.Definition.Variants, s.Definition.LowStockThreshold,
            lines, s.TotalOnHand, s.Holds.Count, available, available <= s.Definition.LowStockThreshold);
    }
}
