using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Rejections;
using MicroEvents.Settlement;
using MicroEvents.Text;
using Nethereum.Util;

namespace MicroEvents.Gateway.Settlement;

/// <summary>On-chain settlement, read side: a drop's anchored and pending roots, and the ERC-721 metadata the contract's tokenURI points at.</summary>
public static partial class SettlementEndpoints
{
    /// <summary>Metadata of a minted token never changes; an hour keeps wallets and marketplaces from asking on every view.</summary>
    public const string CacheControl = "public, max-age=3600";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSettlement(this IEndpointRouteBuilder app)
    {
        app.MapGet("/drops/{id}/settlement", async (string id, IGrainFactory grains) =>
            {
                await MicroEvents.Gateway.Drops.ExistingDrop.Ensure(grains, id);
                return await grains.GetGrain<ISettlementQueryGrain>(0).GetDropSettlement(id);
            })
            .WithTags("Settlement")
            .WithName("GetSettlement").WithSummary("The drop's receipt roots on chain: anchored ones (block, transaction), pending ones, the contract address")
            .Produces<DropSettlementView>().ProducesProblem(404)
            .AllowPublic();

        app.MapPost("/drops/{id}/settlement/retry", async (string id, IGrainFactory grains) =>
                DropId.IsValid(id)
                    ? await grains.GetGrain<ISettlementQueryGrain>(0).RetryFailed(id)
                    : throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'."))
            .WithTags("Settlement")
            .WithName("RetrySettlement").WithSummary("Re-queues the drop's failed anchors and hand-off deliveries (refused by the node or reverted) to be sent again with the next free nonce; the drop's settlement after")
            .Produces<DropSettlementView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .RequireOperator();

        app.MapGet("/drops/{id}/claims/{claimId}/onchain", async (string id, string claimId, IGrainFactory grains) =>
                DropId.IsValid(id) && ClientText.IsValid(claimId, ClientText.MaxIdLength)
                    ? await grains.GetGrain<ISettlementQueryGrain>(0).GetOnChainClaim(id, claimId)
                    : throw new Rejected(RejectionCodes.ClaimNotFound, "No such claim."))
            .WithTags("Settlement")
            .WithName("GetOnChainClaim").WithSummary("What the claim's holder needs to mint its token on chain: contract, chain id, token id, receipt leaf and proof, and after a custodial hand-off the custody account's EIP-712 hand-off for claimHandedOff; 409 until the root is anchored or while the token is in custody")
            .Produces<OnChainClaim>().ProducesProblem(404).ProducesProblem(409)
            .AllowPublic();

        app.MapGet("/tokens/{contract}/{tokenId}", async (string contract, string tokenId, HttpContext http, IGrainFactory grains, TokenMetadataMetrics metrics) =>
            {
                Validate(contract, tokenId);
                var metadata = await grains.GetGrain<ISettlementQueryGrain>(0).GetTokenMetadata(contract, tokenId);
                var body = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
                var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
                http.Response.Headers.ETag = etag;
                http.Response.Headers.CacheControl = CacheControl;
                // If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x", as proxies that compress send it.
                var hit = http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Any(t =>
                    t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == etag));
                metrics.Served(hit);
                return hit ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(body, "application/json");
            })
            .WithTags("Settlement")
            .WithName("GetTokenMetadata").WithSummary("ERC-721 metadata of a settled token (the contract's tokenURI): name, image from the drop's manifest, attributes; ETag and Cache-Control")
            .Produces<TokenMetadata>().Produces(StatusCodes.Status304NotModified).ProducesProblem(400).ProducesProblem(404)
            .AllowPublic();

        return app;
    }

    private static void Validate(string contract, string tokenId)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(contract)) errors["contract"] = ["is not an address (0x and 40 hex digits)"];
        if (!TokenIdFormat().IsMatch(tokenId)) errors["tokenId"] = ["is not a decimal uint256"];
        if (errors.Count > 0) throw new Rejected(RejectionCodes.ValidationFailed, "The token reference is malformed.", errors);
    }

    [GeneratedRegex("^[0-9]{1,78}$")] private static partial Regex TokenIdFormat();
}
