using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Skus.Events;

namespace MicroEvents.Skus;

/// <summary>
/// A SKU as the fold of its events: units on hand per location and variant, and the holds on them.
/// Invariant the decisions keep: on hand per cell ≥ holds placed there, and total on hand ≥ all holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SkuState : IEventFold<SkuState, SkuEvent>
{
    public static SkuState Initial => new();

    [Id(0)] public SkuDefined? Definition { get; init; }

    /// <summary>location → variant → units on hand.</summary>
    [Id(1)] public ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, int>> OnHand { get; init; } =
        ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, int>>.Empty.WithComparers(StringComparer.Ordinal);

    [Id(2)] public ImmutableDictionary<string, StockReservation> Holds { get; init; } = ImmutableDictionary<string, StockReservation>.Empty;

    /// <summary>Reservations that ended, by id → "released" or "shipped": a retry answers the same, a reuse is refused.</summary>
    [Id(3)] public ImmutableDictionary<string, string> Ended { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(4)] public ImmutableHashSet<string> Moves { get; init; } = ImmutableHashSet<string>.Empty;

    public SkuState Apply(SkuEvent e) => e switch
    {
        SkuDefined x => this with { Definition = x },
        StockReceived x => Move(x.MoveId, x.Location, x.Variant, x.Quantity),
        StockAdjusted x => Move(x.MoveId, x.Location, x.Variant, x.Delta),
        StockReserved x => this with { Holds = Holds.SetItem(x.ReservationId, new StockReservation(x.ReservationId, x.Variant, x.Location)) },
        StockReleased x => this with { Holds = Holds.Remove(x.ReservationId), Ended = Ended.SetItem(x.ReservationId, Outcomes.Released) },
        StockShipped x => Shipped(x.ReservationId),
        _ => this,
    };

    public int Units(string location, string variant) =>
        OnHand.TryGetValue(location, out var cells) && cells.TryGetValue(variant, out var n) ? n : 0;

    public int HeldAt(string location, string variant) =>
        Holds.Values.Count(h => h.Location == location && h.Variant == variant);

    public int TotalOnHand => OnHand.Values.Sum(cells => cells.Values.Sum());

    public int Available => TotalOnHand - Holds.Count;

    private SkuState Move(string moveId, string location, string variant, int delta) => this with
    {
        OnHand = OnHand.SetItem(location, (OnHand.TryGetValue(location, out var cells) ? cells : ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal))
            .SetItem(variant, Units(location, variant) + delta)),
        Moves = Moves.Add(moveId),
    };

    private SkuState Shipped(string reservationId)
    {
        if (!Holds.TryGetValue(reservationId, out var hold)) return this;
        var left = this with { Holds = Holds.Remove(reservationId), Ended = Ended.SetItem(reservationId, Outcomes.Shipped) };
        return hold is { Location: { } location, Variant: { } variant }
            ? left with { OnHand = OnHand.SetItem(location, OnHand[location].SetItem(variant, Units(location, variant) - 1)) }
            : left;
    }

    public static class Outcomes
    {
        public const string Released = "released";
        public const string Shipped = "shipped";
    }
}
