using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Limits;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json;

namespace MicroEvents.Gateway.Drops;

/// <summary>HTTP for drops: each route is one grain call; rules and rejections come from the drop actor.</summary>
public static class DropEndpoints
{
    public const int MaxEventPage = 1000;

    public static IEndpointRouteBuilder MapDrops(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Drops");

        drops.MapPost("/", async ([FromBody] CreateDrop? body, HttpContext http, IGrainFactory grains) =>
            {
                var manifest = RequestBody.Required(body);
                Roles.EnsureActsForSelf(http.User, manifest.Creator);
                if (!DropId.IsValid(manifest.Id))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The drop manifest is invalid.",
                        new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
                var creation = await grains.GetGrain<IDropGrain>(manifest.Id).Create(manifest, Acting.By(http.User));
                return creation.Created
                    ? Results.Created($"/drops/{creation.Summary.Id}", creation.Summary)
                    : Results.Ok(creation.Summary);
            })
            .WithName("CreateDrop").WithSummary("Create a drop from its manifest; the same manifest again answers 200 and changes nothing")
            .Produces<DropSummary>(StatusCodes.Status201Created).Produces<DropSummary>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .RequireCreator();

        drops.MapGet("/{id}", async (string id, string? asOf, DropReferences drops, IGrainFactory grains) =>
            {
                if (asOf is null) return await Drop(drops, id).GetSummary();
                var point = DropAsOf.Parse(asOf);
                return DropAsOf.Within(point, await History(grains, id).SummaryAsOf(point));
            })
            .WithName("GetDrop").WithSummary("A drop's summary; with asOf=<version> or asOf=<ISO 8601 timestamp>, as it was at that point")
            .Produces<DropSummary>().ProducesProblem(400).ProducesProblem(404)
            .AllowPublic();

        drops.MapPost("/{id}/open", (string id, HttpContext http, DropReferences drops) => Drop(drops, id).Open(Acting.By(http.User)))
            .WithName("OpenDrop").WithSummary("Open a draft drop, or resume a paused one (idempotent)").Produces<DropSummary>().ProducesProblem(404).ProducesProblem(409)
            .RequireCreatorOfDrop();
        drops.MapPost("/{id}/pause", (string id, HttpContext http, DropReferences drops) => Drop(drops, id).Pause(Acting.By(http.User)))
            .WithName("PauseDrop").WithSummary("Pause claiming (idempotent)").Produces<DropSummary>().ProducesProblem(404).ProducesProblem(409)
            .RequireCreatorOfDrop();
        drops.MapPost("/{id}/close", (string id, HttpContext http, DropReferences drops) => Drop(drops, id).Close(Acting.By(http.User)))
            .WithName("CloseDrop").WithSummary("Close the drop for good (idempotent)").Produces<DropSummary>().ProducesProblem(404).ProducesProblem(409)
            .RequireCreatorOfDrop();

        drops.MapPost("/{id}/claims", async (string id, [FromBody] ClaimRequest? body,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, DropReferences drops) =>
            {
                var request = RequestBody.Required(body);
                var claimId = ClaimIdOf(request, idempotencyKey);
                var outcome = await Drop(drops, id).Claim(new ClaimToken(claimId, request.Wallet, request.Tier));
                return outcome.Replayed
                    ? Results.Ok(outcome.Receipt)
                    : Results.Created($"/drops/{id}/claims/{Uri.EscapeDataString(claimId)}", outcome.Receipt);
            })
            .WithName("Claim").WithSummary("Claim a token; retrying with the same claim id returns the original receipt")
            .Produces<ClaimReceipt>(StatusCodes.Status201Created).Produces<ClaimReceipt>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .AllowPublic().LimitClaims();

        drops.MapGet("/{id}/claims/{claimId}", (string id, string claimId, DropReferences drops) => Drop(drops, id).GetClaim(claimId))
            .WithName("GetClaim").WithSummary("A claim's receipt").Produces<ClaimReceipt>().ProducesProblem(404)
            .AllowPublic();

        drops.MapGet("/{id}/events", async (string id, DropReferences drops, long fromVersion = 1, int limit = 100) =>
            {
                if (fromVersion < 1 || limit is < 1 or > MaxEventPage)
                    throw new Rejected(RejectionCodes.ValidationFailed, "Invalid paging.", new Dictionary<string, string[]>
                    {
                        ["fromVersion"] = ["must be at least 1"],
                        ["limit"] = [$"must be between 1 and {MaxEventPage}"],
                    });
                var drop = Drop(drops, id);
                await drop.GetSummary(); // 404 for an unknown drop rather than an empty page
                var events = await drop.GetEvents(fromVersion, limit);
                return events.Select(e => new EventView(e.Version, e.Type, e.Timestamp, e.CorrelationId,
                    JsonDocument.Parse(e.DataJson).RootElement.Clone()));
            })
            .WithName("GetDropEvents").WithSummary("The drop's raw event stream, for analysts").Produces<IEnumerable<EventView>>().ProducesProblem(400).ProducesProblem(404)
            .RequireDropReader();

        return app;
    }

    // Ids that can never name a drop are answered here, so junk requests never activate an actor.
    private static IDropGrain Drop(DropReferences drops, string id) =>
        DropId.IsValid(id) ? drops.Of(id) : throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'.");

    private static IDropHistoryGrain History(IGrainFactory grains, string id) =>
        DropId.IsValid(id)
            ? grains.GetGrain<IDropHistoryGrain>(id)
            : throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'.");

    private static string ClaimIdOf(ClaimRequest request, string? idempotencyKey)
    {
        if (ClientText.Problem(idempotencyKey, ClientText.MaxIdLength) is { } problem)
            throw new Rejected(RejectionCodes.ValidationFailed, "The Idempotency-Key header is invalid.",
                new Dictionary<string, string[]> { ["Idempotency-Key"] = [problem] });
        if (request.ClaimId is not null && idempotencyKey is not null && request.ClaimId != idempotencyKey)
            throw new Rejected(RejectionCodes.ValidationFailed, "The claim id is given twice, differently.",
                new Dictionary<string, string[]> { ["claimId"] = ["must equal the Idempotency-Key header when both are sent"] });
        return request.ClaimId ?? idempotencyKey ?? throw new Rejected(RejectionCodes.ValidationFailed, "A claim id is required.",
            new Dictionary<string, string[]> { ["claimId"] = ["is required, in the body or the Idempotency-Key header"] });
    }
}
