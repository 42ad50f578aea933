using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Venues;
using Microsoft.AspNetCore.Mvc;
using static MicroEvents.Gateway.Venues.VenueGateway;

namespace MicroEvents.Gateway.Venues;

/// <summary>HTTP for venue nodes: registry and heartbeats, keys, quotas. Rules live in the node and drop actors.</summary>
public static class NodeEndpoints
{
    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        var nodes = app.MapGroup("/nodes").WithTags("Venues");

        nodes.MapPost("/", async ([FromBody] RegisterNode? body, IGrainFactory grains) =>
            {
                var registration = RequestBody.Required(body);
                if (!NodeId.IsValid(registration.NodeId))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The node registration is invalid.",
                        new Dictionary<string, string[]> { ["nodeId"] = [NodeId.Rule] });
                var node = grains.GetGrain<IVenueNodeGrain>(registration.NodeId);
                var created = await node.Register(registration);
                var view = await node.GetView();
                return created ? Results.Created($"/nodes/{view.NodeId}", view) : Results.Ok(view);
            })
            .WithName("RegisterNode").WithSummary("Register a venue node with its venue, label and first signing key; the same registration again answers 200")
            .Produces<NodeView>(StatusCodes.Status201Created).Produces<NodeView>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireOperator();

        nodes.MapGet("/{id}", (string id, IGrainFactory grains) => Node(grains, id).GetView())
            .WithName("GetNode").WithSummary("A node: status, last heartbeat and RTT, keys, quotas held, last preflight")
            .Produces<NodeView>().ProducesProblem(404)
            .RequireAnalyst();

        nodes.MapPost("/{id}/heartbeats", ([FromBody] NodeHeartbeat? body, string id, IGrainFactory grains) => Node(grains, id).Heartbeat(RequestBody.Required(body)))
            .WithName("RecordHeartbeat").WithSummary("The node reports in: RTT, clock offset, queue depth, app version (signed by the node)")
            .Produces<NodeView>().ProducesProblem(400).ProducesProblem(404)
            .RequireNode();

        nodes.MapPost("/{id}/keys/rotate", ([FromBody] KeyRotation? body, string id, IGrainFactory grains) => Node(grains, id).RotateKey(RequestBody.Required(body)))
            .WithName("RotateNodeKey").WithSummary("Move to a new key: its address signed by the current key (signed by the node)")
            .Produces<NodeView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .RequireNode();

        nodes.MapPost("/{id}/keys/revoke", ([FromBody] KeyRevocation? body, string id, HttpContext http, IGrainFactory grains) =>
                Node(grains, id).RevokeKey(RequestBody.Required(body), Acting.By(http.User)))
            .WithName("RevokeNodeKey").WithSummary("Revoke one of the node's keys from an effective time (default now), with a reason; it joins GET /revocations")
            .Produces<NodeView>().ProducesProblem(400).ProducesProblem(404)
            .RequireOperator();

        nodes.MapPost("/{id}/quotas", ([FromBody] QuotaRequest? body, string id, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var checks = new MicroEvents.Text.ClientText.Checks();
                if (!MicroEvents.Drops.DropId.IsValid(request.DropId)) checks.Fail("dropId", MicroEvents.Drops.DropId.Rule);
                if (checks.Text("allocationId", request.AllocationId, MicroEvents.Text.ClientText.MaxIdLength) && string.IsNullOrWhiteSpace(request.AllocationId))
                    checks.Fail("allocationId", "is required");
                if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The quota request is invalid.", checks.Errors);
                return Node(grains, id).AllocateQuota(request);
            })
            .WithName("ReserveQuota").WithSummary("Reserve tokens of a drop for the node's offline vouchers (a top-up adds; the same allocationId again changes nothing)")
            .Produces<NodeQuotaView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .RequireOperator();

        nodes.MapPost("/{id}/quotas/return", ([FromBody] QuotaReturn? body, string id, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                if (!MicroEvents.Drops.DropId.IsValid(request.DropId))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The quota return is invalid.",
                        new Dictionary<string, string[]> { ["dropId"] = [MicroEvents.Drops.DropId.Rule] });
                return Node(grains, id).ReturnQuota(request);
            })
            .WithName("ReturnQuota").WithSummary("The node hands unredeemed quota of a drop back to supply (all of it unless tokens is given; signed by the node)")
            .Produces<NodeQuotaView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .RequireNode();

        app.MapGet("/venues/{venue}/nodes", async (string venue, IGrainFactory grains) =>
            {
                if (!NodeId.IsValid(venue)) throw new Rejected(VenueRejectionCodes.VenueNotFound, $"No venue '{venue}'.");
                var ids = await grains.GetGrain<IVenueGrain>(venue).GetNodes();
                return await Task.WhenAll(ids.Select(n => grains.GetGrain<IVenueNodeGrain>(n).GetView()));
            })
            .WithTags("Venues")
            .WithName("GetVenueNodes").WithSummary("The venue's nodes: status, last RTT and heartbeat, active key, quota held, last preflight")
            .Produces<NodeView[]>().ProducesProblem(404)
            .RequireAnalyst();

        return app;
    }
}
