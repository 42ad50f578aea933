using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Gateway.Venues;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Drops;

/// <summary>
/// A drop's fallback (contingency) manifest: the creator sets it before opening, an operator or a serving venue node
/// switches new mints to it, an operator switches back. Each switch is a decision recorded on the drop.
/// </summary>
public static class ContingencyEndpoints
{
    public static IEndpointRouteBuilder MapContingency(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Drops");

        drops.MapPut("/{id}/contingency", ([FromBody] ContingencyManifest? body, string id, HttpContext http, IGrainFactory grains) =>
                Drop(grains, id).SetContingency(RequestBody.Required(body), Acting.By(http.User)))
            .WithSummary("Set the drop's fallback manifest (another asset set, hashed like the primary); only before the drop opens (409 contingency-locked after); the same fallback again changes nothing")
            .Produces<ContingencyView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireCreatorOfDrop();

        drops.MapGet("/{id}/contingency", (string id, IGrainFactory grains) => Drop(grains, id).GetContingency())
            .WithSummary("The drop's fallback manifest, whether new mints are under it, and every switch (who, why, from which mint)")
            .Produces<ContingencyView>().ProducesProblem(404)
            .AllowPublic();

        drops.MapPost("/{id}/contingency/activate", ([FromBody] ContingencySwitchRequest? body, string id, HttpContext http, IGrainFactory grains) =>
                Drop(grains, id).ActivateContingency(RequestBody.Required(body), Acting.By(http.User)))
            .WithSummary("Operator: switch new mints to the fallback manifest, recorded with the caller and reason (drop.contingency_activated.v1); the same decisionId again answers the same; 409 no-contingency / contingency-already-active")
            .Produces<ContingencyView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireOperator();

        drops.MapPost("/{id}/contingency/deactivate", ([FromBody] ContingencySwitchRequest? body, string id, HttpContext http, IGrainFactory grains) =>
                Drop(grains, id).DeactivateContingency(RequestBody.Required(body), Acting.By(http.User)))
            .WithSummary("Operator: switch new mints back to the primary manifest (tokens minted under the fallback keep it); the same decisionId again answers the same; 409 no-contingency / contingency-not-active")
            .Produces<ContingencyView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireOperator();

        app.MapPost("/nodes/{id}/contingency", ([FromBody] NodeContingencyRequest? body, string id, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                if (!DropId.IsValid(request.DropId))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The contingency decision is invalid.",
                        new Dictionary<string, string[]> { ["dropId"] = [DropId.Rule] });
                return Venues.VenueGateway.Node(grains, id).ActivateContingency(request.DropId!, new ContingencySwitchRequest(request.DecisionId, request.Reason));
            })
            .WithTags("Venues")
            .WithSummary("The node switches a drop it serves to its fallback manifest, with its reason (signed by the node; recorded on the drop as node:{id}); 403 node-not-serving-drop for a drop it holds no quota of")
            .Produces<ContingencyView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireNode();

        return app;
    }

    private static IDropGrain Drop(IGrainFactory grains, string id) =>
        grains.GetGrain<IDropGrain>(DropId.Existing(id));
}

/// <summary>A node's decision to switch <see cref="DropId"/> to its fallback manifest: its id for the decision and why.</summary>
public sealed record NodeContingencyRequest(string? DropId, string? DecisionId, string? Reason);
