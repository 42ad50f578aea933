using Marten;
using MicroEvents.Claims;
using MicroEvents.Access;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway;
using MicroEvents.Gateway.Telemetry;
using MicroEvents.Telemetry;
using MicroEvents.Projections;
using MicroEvents.Receipts;
using MicroEvents.Silo.Clustering;
using MicroEvents.Silo.Dashboard;
using MicroEvents.Silo.Mail;
using MicroEvents.Silo.Settlement;
using MicroEvents.Settlement;
using MicroEvents.Venues;
using MicroEvents.Modules;
using MicroEvents.Silo.Fulfilment;

namespace MicroEvents.Silo.Hosting;

/// <summary>One process: a silo and, beside it, the HTTP gateway talking to it in-process.</summary>
public static class SiloHost
{
    /// <summary>How long a stopping silo may take to hand off its actors before it stops regardless.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    public static WebApplication Build(string[] args, SiloSettings settings, string connectionString, IDocumentStore store)
    {
        var builder = WebApplication.CreateBuilder(GatewayHost.HostArgs(args));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseUrls(settings.Urls);
        builder.AddRunLogging();
        // Before the mailbox, partner and claims read them; environment and command line keep priority.
        MicroEvents.Silo.Secrets.SiloSecrets.FillInto(builder.Configuration, settings);
        var dashboard = OperatorDashboard.Enabled(builder.Configuration, settings);
        var mailbox = LocalMailbox.StartUnlessConfigured(builder.Configuration);
        if (mailbox is not null) builder.Services.AddSingleton(mailbox);
        var anvil = LocalChain.StartUnlessConfigured(builder.Configuration, settings.ConnectionString is null,
            settings.LocalDataDirectory ?? Storage.DefaultDataDirectory(), settings.Urls, StartupLog());
        var partner = LocalPartner.StartUnlessConfigured(builder.Configuration, settings.Urls, StartupLog());
        if (partner is not null) builder.Services.AddSingleton(partner);
        builder.UseOrleans(silo =>
        {
            silo.UseCluster(settings, connectionString, builder.Configuration);
            silo.AddEventJournal(store, o =>
            {
                o.SnapshotEvery = settings.SnapshotEvery;
                o.CommandTimeout = settings.CommandTimeout;
                o.MaxUnconfirmedEvents = settings.MaxUnconfirmedEvents;
            });
            silo.AddAccess();
            silo.AddActorTelemetry();
            if (dashboard) silo.AddOperatorDashboard();
            silo.Services.Configure<MicroEvents.Live.LiveOptions>(builder.Configuration.GetSection("Live"));
            // Claims, receipts, projections, settlement, venues, fulfilment…: each feature's own module (ISiloModule).
            silo.AddFeatures(new SiloModuleContext(builder.Configuration,
                settings.ConnectionString is null ? () => DevelopmentKeys.KeyEncryptionKey(settings) : null));
        });
        builder.AddGateway();

        var app = builder.Build();
        if (dashboard) app.UseDashboardCookie();
        app.MapGateway();
        if (dashboard) app.MapOperatorDashboard();
        if (mailbox is not null) app.MapLocalMailbox(mailbox);
        if (partner is not null) app.MapLocalPartner(partner);
        if (partner is not null) app.Lifetime.ApplicationStopped.Register(() => partner.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5)));
        // Stopped with the silo, not left to the container (which disposes only what it created).
        if (anvil is not null) app.Lifetime.ApplicationStopped.Register(() => anvil.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)));
        return app;
    }

    private static ILogger StartupLog() => LoggerFactory.Create(l => l.AddSimpleConsole()).CreateLogger("MicroEvents.Silo");
}
