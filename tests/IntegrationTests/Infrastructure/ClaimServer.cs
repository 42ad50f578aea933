using System.Text.RegularExpressions;
using MicroEvents.Receipts;
using MicroEvents.Silo.Clustering;
using MicroEvents.LocalStandIns.Mail;
using Orleans.Configuration;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The gateway and cluster with claim actors: mail goes through MailKit to a real SMTP server on
/// loopback, escrow reminders (ADO.NET, on PostgreSQL) tick every second and compare against the test clock.
/// </summary>
public partial class ClaimServer : GatewayServer
{
    public LocalMailbox Mailbox { get; } = LocalMailbox.Start();

    public static readonly TimeSpan Escrow = TimeSpan.FromHours(24);

    // Reminders are stored per service id: a restarted cluster must be the same deployment to find them.
    protected override string ServiceId { get; } = "claims-" + Guid.NewGuid().ToString("N")[..8];
    private string _connection = "";

    public override async Task InitializeAsync()
    {
        _connection = await Postgres();
        await OrleansSchema.Apply(_connection, Schema);
        await base.InitializeAsync();
    }

    protected override void ConfigureFeatures(IDictionary<string, string?> settings)
    {
        base.ConfigureFeatures(settings);
        settings["Claims:EscrowHours"] = Escrow.TotalHours.ToString();
        settings["Claims:EscrowCheckSeconds"] = "1";
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = Mailbox.Port.ToString();
        settings["Smtp:Security"] = "None";
        settings[ReceiptsSilo.SealOnMintSetting] = "true";
        // Node status is re-derived every second against the test clock.
        settings["Venues:StatusCheckSeconds"] = "1";
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        // Durable reminders on PostgreSQL, as the silo runs them: escrow expiry must survive a restart.
        silo.AddOrleansStorage(_connection, Schema);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }

    /// <summary>The six-digit code in the latest mail to <paramref name="email"/> whose code is not in <paramref name="seen"/>.</summary>
    public async Task<string> CodeMailedTo(string email, params string[] seen)
    {
        var mail = await Mailbox.WaitFor(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && !seen.Contains(Code(m)), TimeSpan.FromSeconds(30));
        return Code(mail);
    }

    private static string Code(ReceivedMail mail) => SixDigits().Match(mail.Body).Value;

    [GeneratedRegex(@"\b\d{6}\b")] private static partial Regex SixDigits();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Mailbox.Dispose();
    }
}
