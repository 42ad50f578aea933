using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MicroEvents.Mail;

/// <summary>
/// Sends the outbox over SMTP with MailKit. A mail the server refuses for good (5xx) is marked failed and
/// never retried; connection trouble and 4xx are retried with back-off, up to <see cref="SmtpOptions.MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(MailOutbox outbox, IOptions<SmtpOptions> options, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, DateTime> _notBefore = new();

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await SendPending(ct);
                await outbox.WaitForWork(Sweep, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The outbox table itself is unreachable: the mails are safe in it, so wait for the next sweep.
                log.LogWarning(e, "Outbox sweep failed");
                await outbox.WaitForWork(Sweep, ct);
            }
        }
    }

    private async Task SendPending(CancellationToken ct)
    {
        foreach (var mail in await outbox.Pending(ct))
        {
            if (_notBefore.TryGetValue(mail.Id, out var notBefore) && DateTime.UtcNow < notBefore) continue;
            try
            {
                await Send(mail, ct);
                await outbox.Sent(mail, ct);
                _notBefore.Remove(mail.Id);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                log.LogWarning("Mail {Mail} refused by the SMTP server ({Status}); not retried", mail.Id, (int)e.StatusCode);
                mail.FailedPermanently = $"{(int)e.StatusCode} {e.Message}";
                await outbox.Failed(mail, ct);
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or SocketException
                                          or ServiceNotConnectedException or TimeoutException)
            {
                mail.Attempts++;
                if (mail.Attempts >= options.Value.MaxAttempts) mail.FailedPermanently = $"gave up after {mail.Attempts} attempts: {e.Message}";
                await outbox.Failed(mail, ct);
                _notBefore[mail.Id] = DateTime.UtcNow + TimeSpan.FromSeconds(Math.Min(300, 1 << Math.Min(mail.Attempts, 8)));
                log.LogWarning("Sending mail {Mail} failed (attempt {Attempt}): {Error}", mail.Id, mail.Attempts, e.Message);
            }
        }
    }

    private async Task Send(OutboxMail mail, CancellationToken ct)
    {
        var smtp = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.User)) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
