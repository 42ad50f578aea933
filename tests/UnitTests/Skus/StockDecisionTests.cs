using MicroEvents.Rejections;
using MicroEvents.Skus;
using MicroEvents.Skus.Events;

namespace MicroEvents.UnitTests.Skus;

public class StockDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static SkuState Tee(params (string Location, string Variant, int Units)[] stock)
    {
        var state = SkuState.Initial.Apply(new SkuDefined("Tee", ["S", "M", "L"], 2, Now));
        var n = 0;
        foreach (var (location, variant, units) in stock)
            state = state.Apply(new StockReceived($"m{n++}", location, variant, units, "delivery", Now));
        return state;
    }

    private static SkuState Fold<T>(SkuState state, MicroEvents.EventSourcing.Decision<T, SkuEvent> d) => d.Events.Aggregate(state, (s, e) => s.Apply(e));

    [Fact]
    public void a_hold_without_a_variant_takes_one_unit_of_the_total_and_is_placed_later()
    {
        var state = Fold(Tee(("a", "M", 1), ("b", "L", 1)), SkuDecisions.Reserve(Tee(("a", "M", 1), ("b", "L", 1)), "o1", null, Now));
        state.Available.Should().Be(1);

        var placed = SkuDecisions.Reserve(state, "o1", "L", Now);
        placed.Result.Should().Be(new StockReservation("o1", "L", "b"));
        Fold(state, placed).Available.Should().Be(1);
    }

    [Fact]
    public void the_last_unit_goes_to_one_hold_and_the_next_is_out_of_stock()
    {
        var state = Tee(("a", "M", 1));
        state = Fold(state, SkuDecisions.Reserve(state, "o1", null, Now));

        var act = () => SkuDecisions.Reserve(state, "o2", "M", Now);
        act.Should().Throw<Rejected>().Which.Code.Should().Be(SkuRejectionCodes.OutOfStock);
    }

    [Fact]
    public void a_free_unit_of_a_variant_still_counts_against_holds_of_any_variant()
    {
        var state = Tee(("a", "M", 1), ("a", "L", 1));
        state = Fold(state, SkuDecisions.Reserve(state, "o1", null, Now));
        state = Fold(state, SkuDecisions.Reserve(state, "o2", null, Now));

        var act = () => SkuDecisions.Reserve(state, "o3", "M", Now);
        act.Should().Throw<Rejected>().Which.Code.Should().Be(SkuRejectionCodes.OutOfStock);
    }

    [Fact]
    public void reserving_again_with_the_same_id_appends_nothing()
    {
        var state = Tee(("a", "M", 3));
        state = Fold(state, SkuDecisions.Reserve(state, "o1", "M", Now));

        SkuDecisions.Reserve(state, "o1", "M", Now).Events.Should().BeEmpty();
        SkuDecisions.Reserve(state, "o1", null, Now).Events.Should().BeEmpty();
    }

    [Fact]
    public void an_adjustment_may_not_take_stock_below_what_is_held()
    {
        var state = Tee(("a", "M", 2));
        state = Fold(state, SkuDecisions.Reserve(state, "o1", "M", Now));

        var act = () => SkuDecisions.Adjust(state, new StockMove("x", "a", "M", -2, "damaged"), Now);
        act.Should().Throw<Rejected>().Which.Code.Should().Be(SkuRejectionCodes.StockBelowReserved);
        Fold(state, SkuDecisions.Adjust(state, new StockMove("y", "a", "M", -1, "damaged"), Now)).Available.Should().Be(0);
    }

    [Fact]
    public void shipping_a_hold_takes_it_off_the_shelf_and_a_released_hold_cannot_ship()
    {
        var state = Tee(("a", "M", 2));
        state = Fold(state, SkuDecisions.Reserve(state, "o1", "M", Now));
        state = Fold(state, SkuDecisions.Ship(state, "o1", Now));
        state.TotalOnHand.Should().Be(1);
        state.Holds.Should().BeEmpty();

        state = Fold(state, SkuDecisions.Reserve(state, "o2", "M", Now));
        state = Fold(state, SkuDecisions.Release(state, "o2", "cancelled", Now));
        var act = () => SkuDecisions.Ship(state, "o2", Now);
        act.Should().Throw<Rejected>().Which.Code.Should().Be(SkuRejectionCodes.ReservationEnded);
        state.Available.Should().Be(1);
    }

    [Fact]
    public void a_retried_receipt_counts_once()
    {
        var state = Tee(("a", "M", 2));
        SkuDecisions.Receive(state, new StockMove("m0", "a", "M", 2, "delivery"), Now).Events.Should().BeEmpty();
    }

    [Fact]
    public void definitions_with_bad_text_are_refused_naming_the_field()
    {
        var act = () => SkuDecisions.Define(SkuState.Initial, new SkuDefinition("T\u0000ee", ["S", "S"], -1), Now);
        act.Should().Throw<Rejected>().Which.Errors!.Keys.Should().BeEquivalentTo("title", "variants", "lowStockThreshold");
    }
}
