using System.ComponentModel;
using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Operations;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Gateway.Operations;

/// <summary>
/// Where things live, for operators: the cluster's silos from Orleans' membership, and which silo holds a
/// drop's activation now (Orleans' grain directory) and since when. Looking a drop up never activates it.
/// </summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterView(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/operator").WithTags("Operations");

        group.MapGet("/cluster", async (IGrainFactory grains) =>
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
                var silos = hosts
                    .OrderBy(h => h.Status == SiloStatus.Dead).ThenByDescending(h => h.StartTime)
                    .Select(h => new SiloView(h.SiloAddress.ToParsableString(), h.SiloName, h.HostName, Camel(h.Status.ToString()),
                        new DateTimeOffset(DateTime.SpecifyKind(h.StartTime, DateTimeKind.Utc)),
                        h.IAmAliveTime == default ? null : new DateTimeOffset(DateTime.SpecifyKind(h.IAmAliveTime, DateTimeKind.Utc)),
                        h.ProxyPort > 0 && h.Status == SiloStatus.Active ? $"{h.SiloAddress.Endpoint.Address}:{h.ProxyPort}" : null))
                    .ToList();
                return new ClusterView(silos.Count(s => s.Status == "active"), silos);
            })
            .WithName("GetCluster").WithSummary("Cluster membership at a glance: every silo Orleans knows (active, joining, shutting down, dead), its start time and last heartbeat, and the gateway endpoint gateway processes connect to")
            .Produces<ClusterView>()
            .RequireOperator();

        group.MapGet("/drops/{id}/location", async (string id, IGrainFactory grains) =>
            {
                // The drops' own id rule: anything else (a blank id included, which Orleans refuses as a key) names no drop.
                if (!DropId.IsValid(id))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.", new Dictionary<string, string[]> { ["id"] = [$"the drop id {DropId.Rule}"] });
                var drop = grains.GetGrain<IDropGrain>(id);
                var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(drop);
                if (silo is null) return new DropLocation(id, false, null, null, null);
                // The activation answers for itself; it may have moved or gone between the two calls, then the age is of the
                // new one. The age is operator information: a busy or moving activation must not turn "where" into a 503.
                DateTimeOffset? activatedAt = null;
                try { activatedAt = await drop.AsReference<IActivationClock>().ActivatedAt().WaitAsync(AgeWait); }
                catch (Exception e) when (e is TimeoutException or OrleansException) { }
                return new DropLocation(id, true, silo.ToParsableString(), activatedAt,
                    activatedAt is { } at ? Math.Max(0, (DateTimeOffset.UtcNow - at).TotalSeconds) : null);
            })
            .WithName("GetDropLocation").WithSummary("Which silo holds the drop's actor now and how old that activation is; active false when it is not in memory anywhere (the next call activates it). Never activates it.")
            .Produces<DropLocation>().ProducesProblem(400)
            .RequireOperator();
        return app;
    }

    private static readonly TimeSpan AgeWait = TimeSpan.FromSeconds(2);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

public sealed record ClusterView(
    [property: Description("Silos with status active")] int Active,
    IReadOnlyList<SiloView> Silos);

public sealed record SiloView(
    [property: Description("Orleans silo address (ip:port@generation)")] string Address,
    string Name,
    string Host,
    [property: Description("active, joining, created, shuttingDown, stopping, dead")] string Status,
    DateTimeOffset StartedAt,
    [property: Description("Its last heartbeat row (IAmAliveTime)")] DateTimeOffset? LastHeartbeat,
    [property: Description("Where gateway processes (Orleans clients) connect to it; null when it takes no clients or is not active")] string? GatewayEndpoint);

public sealed record DropLocation(
    string Drop,
    [property: Description("False: not in memory on any silo")] bool Active,
    [property: Description("Orleans silo address of the activation (ip:port@generation); matches /operator/cluster")] string? Silo,
    DateTimeOffset? ActivatedAt,
    [property: Description("Seconds since the activation started")] double? AgeSeconds);
