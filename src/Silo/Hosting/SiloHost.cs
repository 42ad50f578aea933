using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Gateway;
using MicroEvents.Silo.Clustering;

namespace MicroEvents.Silo.Hosting;

/// <summary>One process: a silo and, beside it, the HTTP gateway talking to it in-process.</summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args, SiloSettings settings, string connectionString, IDocumentStore store)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(settings.Urls);
        builder.UseOrleans(silo =>
        {
            silo.UseCluster(settings, connectionString, builder.Configuration);
            silo.AddEventJournal(store, o => o.SnapshotEvery = settings.SnapshotEvery);
        });
        builder.AddGateway();

        var app = builder.Build();
        app.MapGateway();
        return app;
    }
}
