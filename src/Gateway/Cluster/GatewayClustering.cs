using System.Net;
using Npgsql;
using Orleans.Configuration;

namespace MicroEvents.Gateway.Cluster;

/// <summary>
/// How the gateway process finds silos. With a PostgreSQL connection string it reads the cluster's
/// membership table (silos come and go without reconfiguring the gateway); <c>Orleans:Gateways</c>
/// pins a static list; with neither, a silo's client port on this machine (<c>Orleans:GatewayPort</c>).
/// </summary>
public static class GatewayClustering
{
    public static IClientBuilder UseClusterOf(this IClientBuilder client, IConfiguration config)
    {
        var clusterId = config["Orleans:ClusterId"] ?? "microevents";
        var serviceId = config["Orleans:ServiceId"] ?? "microevents";
        var postgres = config.GetConnectionString("Postgres");
        var gateways = config["Orleans:Gateways"];

        if (!string.IsNullOrWhiteSpace(gateways))
            client.UseStaticClustering(gateways.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(IPEndPoint.Parse).ToArray());
        else if (!string.IsNullOrWhiteSpace(postgres))
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                // The membership tables live in the project's schema (Journal:Schema), like the journal.
                o.ConnectionString = new NpgsqlConnectionStringBuilder(postgres)
                {
                    SearchPath = config["Journal:Schema"] ?? "microevents",
                    // It only reads the membership table now and then; see ConnectionPools for the rule.
                    MaxPoolSize = config.GetValue("Orleans:MaxPoolSize", ConnectionPools.GatewayDefault),
                }.ConnectionString;
            });
        else
            client.UseLocalhostClustering(config.GetValue("Orleans:GatewayPort", 30000), serviceId, clusterId);

        client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; });
        // A replacement silo is used within seconds, not after Orleans' default minute.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = config.GetValue("Orleans:GatewayListRefreshPeriod", TimeSpan.FromSeconds(5)));
        // A request in flight through a silo that was SIGKILLed gets no answer at all; it fails (503, retry
        // with the same claim id) after this long instead of Orleans' default 30 s. A live drop answers well
        // within it: its commands give up on storage after Journal:CommandTimeoutSeconds (4 s).
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = config.GetValue("Orleans:ResponseTimeout", DefaultResponseTimeout));
        client.AddOutgoingGrainCallFilter<RetryRejectedCalls>();
        return client;
    }

    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(5);
}
