namespace MicroEvents.Fulfilment;

/// <summary>
/// A fulfilment order's key, <c>{dropId}/{tokenNumber}</c> (stream <c>order/{dropId}/{tokenNumber}</c>): deterministic,
/// so the mint that leads to it can be delivered any number of times and still makes one order.
/// </summary>
public static class OrderKey
{
    /// <summary>The order actor's stream kind: <c>order/{dropId}/{tokenNumber}</c>.</summary>
    public static readonly MicroEvents.EventSourcing.StreamKind Stream = new("order");

    public static string Of(string dropId, long tokenNumber) => $"{dropId}/{tokenNumber}";

    public static (string DropId, long TokenNumber) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return (key[..slash], long.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
