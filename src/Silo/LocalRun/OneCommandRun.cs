using MicroEvents.LocalStandIns.Chain;
using MicroEvents.LocalStandIns.Mail;
using MicroEvents.LocalStandIns.Partner;
using MicroEvents.LocalStandIns.Postgres;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.LocalRun;

/// <summary>
/// The one-command run's stand-ins (<c>dotnet run --project src/Silo</c> with no configuration): each starts only
/// when its setting is missing, so a configured SMTP server, chain, partner or database always wins.
/// </summary>
public sealed class OneCommandRun : IStandIns
{
    public async Task<LocalDatabase> StartPostgres(string dataDirectory, bool standby, ILogger log, CancellationToken ct)
    {
        if (standby)
        {
            var pair = await LocalStandby.StartAsync(dataDirectory, log, ct);
            return new LocalDatabase(pair.ConnectionString, pair);
        }
        var server = await LocalPostgres.StartAsync(dataDirectory, log, ct);
        return new LocalDatabase(server.ConnectionString, server);
    }

    public IStartedStandIns StartUnconfigured(WebApplicationBuilder builder, SiloSettings settings, ILogger log)
    {
        var mailbox = LocalMailbox.StartUnlessConfigured(builder.Configuration);
        if (mailbox is not null) builder.Services.AddSingleton(mailbox);
        var anvil = LocalChain.StartUnlessConfigured(builder.Configuration, settings.ConnectionString is null,
            settings.LocalDataDirectory ?? Storage.DefaultDataDirectory(), settings.Urls, log);
        var partner = LocalPartner.StartUnlessConfigured(builder.Configuration, settings.Urls, log);
        if (partner is not null) builder.Services.AddSingleton(partner);
        return new Started(mailbox, anvil, partner);
    }

    private sealed class Started(LocalMailbox? mailbox, LocalAnvil? anvil, MicroEvents.Partner.PartnerSimulator? partner) : IStartedStandIns
    {
        public void Attach(WebApplication app)
        {
            if (mailbox is not null) app.MapLocalMailbox(mailbox);
            if (partner is not null) app.MapLocalPartner(partner);
            if (partner is not null) app.Lifetime.ApplicationStopped.Register(() => partner.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
            // Stopped with the silo, not left to the container (which disposes only what it created).
            if (anvil is not null) app.Lifetime.ApplicationStopped.Register(() => anvil.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)));
        }
    }
}
