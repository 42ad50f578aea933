using System.Net;
using MicroEvents.Gateway.Cluster;
using MicroEvents.Silo.Hosting;
using Orleans.Configuration;

namespace MicroEvents.Silo.Clustering;

/// <summary>How a silo joins its cluster and where Orleans keeps its own state: all in PostgreSQL.</summary>
public static class ClusterHosting
{
    private const string Invariant = "Npgsql";

    /// <summary>The grain storage for small state that is not event-sourced (counters, registry caches).</summary>
    public const string GrainStateStorage = "postgres";

    public static ISiloBuilder UseCluster(this ISiloBuilder silo, SiloSettings settings, string connectionString, IConfiguration config)
    {
        // Orleans' own pool, capped apart from the journal's (Orleans:MaxPoolSize; see ConnectionPools).
        connectionString = ConnectionPools.Capped(connectionString, settings.OrleansPoolSize);
        var orleans = OrleansSchema.ConnectionString(connectionString, settings.Schema);
        if (settings.Clustering == ClusteringMode.Localhost)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
        }
        else
        {
            silo.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = orleans; });
            silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
        }

        var ip = settings.AdvertisedIp;
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            if (ip is not null) o.AdvertisedIPAddress = ip;
            // A routable advertised address is reached from other hosts, so listen on every interface.
            if (ip is null || !IPAddress.IsLoopback(ip))
            {
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.GatewayPort);
            }
        });

        // Probe and vote settings decide how fast a dead silo is noticed: the project's defaults
        // (MembershipTimings, which says why; docs/operations.md lists them), then any Orleans:Membership:* setting over them.
        silo.Configure<ClusterMembershipOptions>(MembershipTimings.Apply);
        silo.Configure<ClusterMembershipOptions>(config.GetSection("Orleans:Membership"));

        // The co-hosted gateway's calls fail after this long when their silo died (see GatewayClustering).
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = config.GetValue("Orleans:ResponseTimeout", GatewayClustering.DefaultResponseTimeout));
        silo.AddOutgoingGrainCallFilter<RetryRejectedCalls>();
        silo.AddActivationClock();

        return silo.AddOrleansStorage(connectionString, settings.Schema);
    }

    /// <summary>Durable reminders and the <see cref="GrainStateStorage"/> provider, in the project's schema.</summary>
    public static ISiloBuilder AddOrleansStorage(this ISiloBuilder silo, string connectionString, string schema)
    {
        var orleans = OrleansSchema.ConnectionString(connectionString, schema);
        silo.UseAdoNetReminderService(o => { o.Invariant = Invariant; o.ConnectionString = orleans; });
        silo.AddAdoNetGrainStorage(GrainStateStorage, o => { o.Invariant = Invariant; o.ConnectionString = orleans; });
        return silo;
    }
}
