namespace MicroEvents.Fulfilment;

/// <summary>The partner call an order is waiting for, worked by the partner-submissions feed (the order's outbox).</summary>
public static class PartnerCall
{
    /// <summary>Send the order (<c>POST fulfilment-requests</c> with the order id as <c>Idempotency-Key</c>); an ambiguous failure is looked up.</summary>
    public const string Submit = "submit";

    /// <summary>Ask the partner which order it holds under the order's idempotency key (it reported on an order whose id we lack).</summary>
    public const string Lookup = "lookup";
}

/// <summary>What the feed is to do for one order now: <see cref="PartnerCall"/>, and what a submission sends.</summary>
[GenerateSerializer, Immutable]
public sealed record PartnerWork(
    [property: Id(0)] string Call,
    [property: Id(1)] string Shortcode,
    [property: Id(2)] IReadOnlyList<OrderLine> Lines);

/// <summary>
/// How a partner call ended, reported back to the order: the partner's id (taken, or found by idempotency key), or
/// none with the last error after every attempt. Reporting the same outcome again changes nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PartnerOutcome(
    [property: Id(0)] string? PartnerOrderId,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string? Error);
