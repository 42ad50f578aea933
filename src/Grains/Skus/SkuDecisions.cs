using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Skus.Events;
using MicroEvents.Text;

namespace MicroEvents.Skus;

/// <summary>Pure decisions of a SKU. They keep stock from ever going negative: every hold is covered by units on hand.</summary>
public static class SkuDecisions
{
    public const int MaxVariants = 50;
    public const int MaxQuantity = 1_000_000;

    public static Decision<bool, SkuEvent> Define(SkuState state, SkuDefinition d, DateTimeOffset now)
    {
        var checks = new ClientText.Checks();
        if (string.IsNullOrWhiteSpace(d.Title)) checks.Fail("title", "is required");
        else checks.Text("title", d.Title, ClientText.MaxNameLength);
        var variants = d.Variants ?? [];
        if (variants.Count is 0 or > MaxVariants) checks.Fail("variants", $"must list 1–{MaxVariants} variants (one-size products: [\"one-size\"])");
        for (var i = 0; i < variants.Count; i++)
            if (string.IsNullOrWhiteSpace(variants[i])) checks.Fail($"variants[{i}]", "is required");
            else checks.Text($"variants[{i}]", variants[i], ClientText.MaxNameLength);
        if (variants.Distinct(StringComparer.Ordinal).Count() != variants.Count) checks.Fail("variants", "must be distinct");
        if (d.LowStockThreshold is < 0 or > MaxQuantity) checks.Fail("lowStockThreshold", $"must be 0–{MaxQuantity}");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The SKU definition is invalid.", checks.Errors);

        if (state.Definition is { } earlier)
            return earlier.Title == d.Title && earlier.Variants.SequenceEqual(variants) && earlier.LowStockThreshold == d.LowStockThreshold
                ? Decision<bool, SkuEvent>.Unchanged(false)
                : throw new Rejected(SkuRejectionCodes.SkuExists, "This SKU is already defined differently.");
        return new(true, [new SkuDefined(d.Title, [.. variants], d.LowStockThreshold, now)]);
    }

    public static Decision<bool, SkuEvent> Receive(SkuState state, StockMove move, DateTimeOffset now)
    {
        Check(state, move, positive: true);
        if (state.Moves.Contains(move.MoveId)) return Decision<bool, SkuEvent>.Unchanged(false);
        return new(true, [new StockReceived(move.MoveId, move.Location, move.Variant, move.Quantity, move.Reason, now)]);
    }

    public static Decision<bool, SkuEvent> Adjust(SkuState state, StockMove move, DateTimeOffset now)
    {
        Check(state, move, positive: false);
        if (state.Moves.Contains(move.MoveId)) return Decision<bool, SkuEvent>.Unchanged(false);
        var cell = state.Units(move.Location, move.Variant) + move.Quantity;
        if (cell < state.HeldAt(move.Location, move.Variant) || state.Available + move.Quantity < 0)
            throw new Rejected(SkuRejectionCodes.StockBelowReserved,
                $"That leaves {move.Location}/{move.Variant} with {cell} units, fewer than are held for orders ({state.HeldAt(move.Location, move.Variant)} there, {state.Holds.Count} in all).");
        return new(true, [new StockAdjusted(move.MoveId, move.Location, move.Variant, move.Quantity, move.Reason, now)]);
    }

    public static Decision<StockReservation, SkuEvent> Reserve(SkuState state, string reservationId, string? variant, DateTimeOffset now)
    {
        Defined(state);
        if (variant is not null) KnownVariant(state, variant);
        if (state.Ended.TryGetValue(reservationId, out var outcome))
            throw new Rejected(SkuRejectionCodes.ReservationEnded, $"Reservation '{reservationId}' was already {outcome}.");

        if (state.Holds.TryGetValue(reservationId, out var held))
        {
            if (variant is null || held.Variant == variant) return Decision<StockReservation, SkuEvent>.Unchanged(held);
            // Moving the hold: the old cell frees one unit, the new cell must have one free; the total is unchanged.
            var location = FreeLocation(state, variant, except: held)
                ?? throw new Rejected(SkuRejectionCodes.OutOfStock, $"No '{variant}' left to hold.");
            var moved = new StockReservation(reservationId, variant, location);
            return new(moved, [new StockReserved(reservationId, variant, location, now)]);
        }

        if (state.Available < 1) throw new Rejected(SkuRejectionCodes.OutOfStock, "No stock left to hold.");
        if (variant is null)
            return new(new StockReservation(reservationId, null, null), [new StockReserved(reservationId, null, null, now)]);
        var at = FreeLocation(state, variant, except: null) ?? throw new Rejected(SkuRejectionCodes.OutOfStock, $"No '{variant}' left to hold.");
        return new(new StockReservation(reservationId, variant, at), [new StockReserved(reservationId, variant, at, now)]);
    }

    public static Decision<bool, SkuEvent> Release(SkuState state, string reservationId, string reason, DateTimeOffset now)
    {
        Defined(state);
        if (state.Ended.TryGetValue(reservationId, out var outcome))
            return outcome == SkuState.Outcomes.Released
                ? Decision<bool, SkuEvent>.Unchanged(false)
                : throw new Rejected(SkuRejectionCodes.ReservationEnded, $"Reservation '{reservationId}' was already {outcome}.");
        if (!state.Holds.ContainsKey(reservationId)) throw NoReservation(reservationId);
        return new(true, [new StockReleased(reservationId, reason, now)]);
    }

    public static Decision<bool, SkuEvent> Ship(SkuState state, string reservationId, DateTimeOffset now)
    {
        Defined(state);
        if (state.Ended.TryGetValue(reservationId, out var outcome))
            return outcome == SkuState.Outcomes.Shipped
                ? Decision<bool, SkuEvent>.Unchanged(false)
                : throw new Rejected(SkuRejectionCodes.ReservationEnded, $"Reservation '{reservationId}' was already {outcome}.");
        if (!state.Holds.TryGetValue(reservationId, out var hold)) throw NoReservation(reservationId);
        if (hold.Variant is null) throw new Rejected(SkuRejectionCodes.UnknownVariant, "The hold has no variant yet: choose one before shipping.");
        return new(true, [new StockShipped(reservationId, now)]);
    }

    // The first location (in name order) with a unit of the variant not held by anyone else.
    private static string? FreeLocation(SkuState state, string variant, StockReservation? except)
    {
        foreach (var (location, cells) in state.OnHand)
        {
            var held = state.HeldAt(location, variant) - (except is not null && except.Location == location && except.Variant == variant ? 1 : 0);
            if (cells.GetValueOrDefault(variant) - held >= 1) return location;
        }
        return null;
    }

    private static void Check(SkuState state, StockMove move, bool positive)
    {
        Defined(state);
        var checks = new ClientText.Checks();
        Required(checks, "moveId", move.MoveId, ClientText.MaxIdLength);
        Required(checks, "location", move.Location, ClientText.MaxNameLength);
        Required(checks, "variant", move.Variant, ClientText.MaxNameLength);
        if (positive ? move.Quantity is < 1 or > MaxQuantity : move.Quantity is 0 or < -MaxQuantity or > MaxQuantity)
            checks.Fail(positive ? "quantity" : "delta", positive ? $"must be 1–{MaxQuantity}" : $"must be non-zero, within ±{MaxQuantity}");
        if (!positive) Required(checks, "reason", move.Reason, ClientText.MaxNameLength);
        else checks.Text("reason", move.Reason, ClientText.MaxNameLength);
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The stock move is invalid.", checks.Errors);
        KnownVariant(state, move.Variant);
    }

    private static void Required(ClientText.Checks checks, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) checks.Fail(field, "is required");
        else checks.Text(field, value, max);
    }

    private static void KnownVariant(SkuState state, string variant)
    {
        if (!state.Definition!.Variants.Contains(variant))
            throw new Rejected(SkuRejectionCodes.UnknownVariant, $"'{variant}' is not a variant of this SKU ({string.Join(", ", state.Definition.Variants)}).");
    }

    private static void Defined(SkuState state)
    {
        if (state.Definition is null) throw new Rejected(SkuRejectionCodes.SkuNotFound, "No such SKU.");
    }

    private static Rejected NoReservation(string id) => new(SkuRejectionCodes.ReservationNotFound, $"No reservation '{id}'.");
}
