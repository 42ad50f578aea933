namespace MicroEvents.Fulfilment;

/// <summary>
/// A fulfilment order's status, modelled on Shopify's fulfillment-order and fulfillment-request states
/// (see docs/fulfilment.md): on hold for the buyer's details, then a request to the partner that it accepts and
/// works through, never moving backwards.
/// </summary>
public static class OrderStatus
{
    /// <summary>The token should have had an order but stock could not be held (out of stock, unknown SKU).</summary>
    public const string Unmapped = "unmapped";
    /// <summary>Stock held; waiting for the claimant's variant and address (Shopify: on_hold).</summary>
    public const string AwaitingDetails = "awaiting-details";
    /// <summary>Details in; the request is being sent to the partner (Shopify: open, request unsubmitted).</summary>
    public const string Open = "open";
    /// <summary>The partner took the request (Shopify: request submitted).</summary>
    public const string Submitted = "submitted";
    /// <summary>The partner failed every attempt; waits for an operator (Shopify: none; our outbox's dead letter).</summary>
    public const string DeadLetter = "dead-letter";
    public const string Accepted = "accepted";
    public const string Picked = "picked";
    public const string Packed = "packed";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    /// <summary>The partner reported a problem (Shopify: incomplete); a later progress report moves it on.</summary>
    public const string Exception = "exception";
    /// <summary>The details deadline passed; the stock went back (Shopify: cancelled).</summary>
    public const string Cancelled = "cancelled";
    public const string ReturnRequested = "return-requested";
    public const string Returned = "returned";

    /// <summary>Partner progress in order: a report ranked at or below the current one changes nothing.</summary>
    public static int Rank(string status) => status switch
    {
        Submitted => 1,
        Accepted => 2,
        Picked => 3,
        Packed => 4,
        Shipped => 5,
        Delivered => 6,
        ReturnRequested => 7,
        Returned => 8,
        _ => 0,
    };

    /// <summary>What a partner may report about an order.</summary>
    public static readonly IReadOnlySet<string> Reportable = new HashSet<string>([Accepted, Picked, Packed, Shipped, Delivered, Exception, Returned]);
}
