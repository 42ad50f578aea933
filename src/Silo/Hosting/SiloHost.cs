using Marten;
using MicroEvents.Claims;
using MicroEvents.Access;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway;
using MicroEvents.Gateway.WebConsole;
using MicroEvents.Gateway.Telemetry;
using MicroEvents.Telemetry;
using MicroEvents.Projections;
using MicroEvents.Receipts;
using MicroEvents.Silo.Clustering;
using MicroEvents.Silo.Dashboard;
using MicroEvents.Settlement;
using MicroEvents.Venues;
using MicroEvents.Feeds;
using MicroEvents.Fulfilment;
using MicroEvents.Modules;

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
        // The one-command run's SMTP server, chain and partner, each only where configuration names none.
        var standIns = settings.StandIns?.StartUnconfigured(builder, settings, StartupLog());
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
            if (!builder.Configuration.GetValue("Feeds:FromMemory", true)) silo.ReadFeedsFromStorageOnly();
        });
        builder.AddGateway();

        var app = builder.Build();
        if (dashboard) app.UseDashboardCookie();
        app.MapGateway();
        if (dashboard) app.MapOperatorDashboard();
        standIns?.Attach(app);
        // The console's wallet for people without one: the local run only (no configured PostgreSQL), never production.
        if (settings.ConnectionString is null) app.MapDevelopmentWallet(new MicroEvents.Gateway.WebConsole.DevelopmentWallet());
        return app;
    }

    private static ILogger StartupLog() => LoggerFactory.Create(l => l.AddSimpleConsole()).CreateLogger("MicroEvents.Silo");
}
