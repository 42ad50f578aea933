namespace MicroEvents.Mail;

/// <summary>
/// A mail waiting to be sent, stored in PostgreSQL before anyone is told it will arrive. It is the only
/// place an address or a code is kept in clear, and it is deleted once the SMTP server took the mail.
/// </summary>
public sealed class OutboxMail
{
    public required string Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Set when the server refused the mail for good (5xx): it is kept for operators, never retried.</summary>
    public string? FailedPermanently { get; set; }
}
