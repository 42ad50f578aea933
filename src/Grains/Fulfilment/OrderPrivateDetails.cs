namespace MicroEvents.Fulfilment;

/// <summary>
/// The personal part of an order, kept as a document beside its stream and never in an event (events are
/// exported to analysts): the shipping address the partner needs and the email reminders go to.
/// </summary>
public sealed class OrderPrivateDetails
{
    public required string Id { get; set; }
    public ShippingAddress? Address { get; set; }
    public string? Email { get; set; }
}

/// <summary>An order the partner never took, listed for operators until one retries it (kept in step with the order's stream).</summary>
public sealed class DeadLetteredOrder
{
    public required string Id { get; set; }
    public int Attempts { get; set; }
    public string LastError { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
