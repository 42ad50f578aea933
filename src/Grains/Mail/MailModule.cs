using Marten;
using MicroEvents.Modules;

namespace MicroEvents.Mail;

/// <summary>The mail outbox's documents (its services come with the claims that send mail).</summary>
public sealed class MailModule : ISiloModule
{
    public void ConfigureMarten(StoreOptions opts) => opts.Schema.For<OutboxMail>().Identity(m => m.Id);
}
