namespace MicroEvents.Skus;

/// <summary>Problem types of stock, beside the SKU actor's decisions.</summary>
public static class SkuRejectionCodes
{
    public const string SkuNotFound = "sku-not-found";
    public const string SkuExists = "sku-exists";
    public const string UnknownVariant = "unknown-variant";
    public const string OutOfStock = "out-of-stock";
    public const string StockBelowReserved = "stock-below-reserved";
    public const string ReservationNotFound = "reservation-not-found";
    public const string ReservationEnded = "reservation-ended";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(SkuNotFound, 404),
        new(SkuExists, 409),
        new(UnknownVariant, 400),
        new(OutOfStock, 409),
        new(StockBelowReserved, 409),
        new(ReservationNotFound, 404),
        new(ReservationEnded, 409),
    ];
}
