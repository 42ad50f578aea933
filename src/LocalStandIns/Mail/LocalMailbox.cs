using System.Net;
using netDumbster.smtp;

namespace MicroEvents.LocalStandIns.Mail;

/// <summary>
/// A real SMTP server on loopback for the local run (and tests) when no <c>Smtp:Host</c> is configured:
/// mail really travels over SMTP from MailKit and lands here, readable at <c>GET /dev/mailbox</c>.
/// </summary>
public sealed class LocalMailbox : IDisposable
{
    private readonly SimpleSmtpServer _server;

    private LocalMailbox(SimpleSmtpServer server) => _server = server;

    public static LocalMailbox Start() =>
        new(Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build());

    public int Port => _server.Configuration.Port;

    /// <summary>Starts one and points <c>Smtp:Host</c>/<c>Smtp:Port</c> at it, unless an SMTP server is configured.</summary>
    public static LocalMailbox? StartUnlessConfigured(IConfigurationManager config)
    {
        if (!string.IsNullOrWhiteSpace(config["Smtp:Host"])) return null;
        var mailbox = Start();
        config["Smtp:Host"] = IPAddress.Loopback.ToString();
        config["Smtp:Port"] = mailbox.Port.ToString();
        config["Smtp:Security"] = "None";
        return mailbox;
    }

    public IReadOnlyList<ReceivedMail> Messages =>
        _server.ReceivedEmail.Select(m => new ReceivedMail(
            string.Join(", ", m.ToAddresses.Select(a => a.ToString())),
            m.Subject ?? m.Headers["Subject"] ?? "",
            m.MessageParts.FirstOrDefault()?.BodyData ?? "")).ToList();

    /// <summary>The first mail (already received or arriving) that matches, or a <see cref="TimeoutException"/>.</summary>
    public async Task<ReceivedMail> WaitFor(Func<ReceivedMail, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<ReceivedMail>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(object? sender, MessageReceivedArgs e)
        {
            if (Messages.FirstOrDefault(match) is { } mail) found.TrySetResult(mail);
        }
        _server.MessageReceived += Check;
        try
        {
            Check(null, null!);
            return await found.Task.WaitAsync(timeout);
        }
        finally
        {
            _server.MessageReceived -= Check;
        }
    }

    public void Dispose() => _server.Dispose();
}

public sealed record ReceivedMail(string To, string Subject, string Body);
