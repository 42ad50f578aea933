using MicroEvents.Gateway.Auth;

namespace MicroEvents.LocalStandIns.Mail;

public static class MailboxEndpoints
{
    /// <summary>Development only: exists only when the silo runs its own <see cref="LocalMailbox"/>.</summary>
    public static WebApplication MapLocalMailbox(this WebApplication app, LocalMailbox mailbox)
    {
        app.MapGet("/dev/mailbox", () => mailbox.Messages)
            .WithTags("Development").WithSummary("Mail sent through the local SMTP server (only when no Smtp:Host is configured)")
            .Produces<IReadOnlyList<ReceivedMail>>()
            .RequireOperator();
        return app;
    }
}
