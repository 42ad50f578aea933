namespace MicroEvents.Fulfilment;

/// <summary>Problem types of merch mapping, fulfilment orders, partner callbacks and returns.</summary>
public static class FulfilmentRejectionCodes
{
    public const string OrderNotFound = "order-not-found";
    public const string ShortcodeNotFound = "shortcode-not-found";
    public const string NotTheHolder = "not-the-holder";
    public const string DetailsClosed = "details-closed";
    public const string NotDeadLettered = "not-dead-lettered";
    public const string BadCallbackSignature = "bad-callback-signature";
    public const string StaleCallback = "stale-callback";
    public const string ReturnWindowClosed = "return-window-closed";
    public const string NotReturnable = "not-returnable";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(OrderNotFound, 404),
        new(ShortcodeNotFound, 404),
        new(NotTheHolder, 403),
        new(DetailsClosed, 409),
        new(NotDeadLettered, 409),
        new(BadCallbackSignature, 401),
        new(StaleCallback, 401),
        new(ReturnWindowClosed, 409),
        new(NotReturnable, 409),
    ];
}
