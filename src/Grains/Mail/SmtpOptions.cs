using MailKit.Security;

namespace MicroEvents.Mail;

/// <summary>The <c>Smtp</c> settings: where outgoing mail goes.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c> (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "MicroEvents <claims@microevents.invalid>";
    /// <summary>Sends attempted before a mail that keeps failing transiently is given up.</summary>
    public int MaxAttempts { get; set; } = 8;
}
