using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Venues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using static MicroEvents.Gateway.Venues.VenueGateway;

namespace MicroEvents.Gateway.Venues;

/// <summary>What a node needs before doors open: signed manifests, the revocation list, and the preflight checklist.</summary>
public static class PrimingEndpoints
{
    public const string ManifestCaching = "private, no-cache";
    public const string RevocationCaching = "public, max-age=60";

    public static IEndpointRouteBuilder MapPriming(this IEndpointRouteBuilder app)
    {
        app.MapGet("/nodes/{id}/manifests", async (string id, HttpContext http, IGrainFactory grains) =>
            {
                var primed = await Node(grains, id).GetManifests(http.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } tag ? tag : null);
                http.Response.Headers.ETag = primed.ETag;
                http.Response.Headers.CacheControl = ManifestCaching;
                return primed.Manifests.Count == 0 && http.Request.Headers.IfNoneMatch.Count > 0 && MatchesEtag(http, primed.ETag)
                    ? Results.StatusCode(StatusCodes.Status304NotModified)
                    : Results.Ok(primed);
            })
            .WithTags("Venues")
            .WithName("GetNodeManifests").WithSummary("Prime the node: each served drop's canonical manifest, hash, signer address and signature over the hash (ETag; If-None-Match answers 304)")
            .Produces<NodeManifests>().Produces(StatusCodes.Status304NotModified).ProducesProblem(404)
            .RequireNode();

        app.MapPost("/nodes/{id}/preflight", ([FromBody] PreflightRequest? body, string id, IGrainFactory grains) =>
                Node(grains, id).Preflight(RequestBody.Required(body)))
            .WithTags("Venues")
            .WithName("RunPreflight").WithSummary("Run the pre-doors checklist (rtt, clock, manifests, key, quota, test claim) and record a pass/fail report per item")
            .Produces<PreflightReport>().ProducesProblem(400).ProducesProblem(404)
            .RequireNode();

        app.MapGet("/revocations", async (HttpContext http, IGrainFactory grains) =>
            {
                var list = await grains.GetGrain<IRevocationListGrain>(IRevocationListGrain.Key).GetSigned();
                var etag = $"\"v{list.Version}\"";
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = RevocationCaching;
                return MatchesEtag(http, etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Ok(list);
            })
            .WithTags("Venues")
            .WithName("GetRevocations").WithSummary("The versioned list of revoked node keys, signed (EIP-191 over `message`) by the system's revocation key; cacheable, checkable offline")
            .Produces<SignedRevocationList>().Produces(StatusCodes.Status304NotModified)
            .AllowPublic();

        return app;
    }

    private static bool MatchesEtag(HttpContext http, string etag) =>
        http.Request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',')).Any(t => t.Trim() == etag || t.Trim() == "*");
}
