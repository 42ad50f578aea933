using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Claims;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>
/// Operators map drops to SKUs, watch the mapping success rate, and look up packing-table shortcodes. The mapping is
/// theirs to set, but a drop's creator (and analysts) may read it: it says what their claimants will be sent.
/// </summary>
public static class MerchEndpoints
{
    public static IEndpointRouteBuilder MapMerch(this IEndpointRouteBuilder app)
    {
        // Roles per endpoint, not on the group: a group's policy would be required on top of each endpoint's own.
        var drops = app.MapGroup("/drops").WithTags("Merch and fulfilment");

        drops.MapPut("/{id}/merch", async (string id, [FromBody] MerchRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                ClaimInput.Drop(grains, id);
                return await grains.GetGrain<IMerchGrain>(id).Map(new MerchMapping(request.Skus ?? [],
                    [.. (request.Tiers ?? []).Select(t => new TierMerch(t?.Tier ?? "", t?.Skus ?? []))]));
            })
            .WithName("SetMerch").WithSummary("Set which SKUs the drop's tokens carry (all tokens, or per tier), for mints from now on")
            .Produces<MerchView>().ProducesProblem(400).ProducesProblem(404)
            .RequireOperator();

        drops.MapGet("/{id}/merch", (string id, IGrainFactory grains) =>
            {
                ClaimInput.Drop(grains, id);
                return grains.GetGrain<IMerchGrain>(id).GetMerch();
            })
            .WithName("GetMerch").WithSummary("The drop's merch mapping, its success rate (orders ÷ tokens that should have one) and every unmapped token")
            .Produces<MerchView>().ProducesProblem(404)
            .RequireDropReader();

        drops.MapPost("/{id}/merch/retry", async (string id, IGrainFactory grains) =>
            {
                ClaimInput.Drop(grains, id);
                var merch = grains.GetGrain<IMerchGrain>(id);
                var ordered = new List<long>();
                var still = new List<UnmappedToken>();
                foreach (var token in (await merch.GetMerch()).Unmapped)
                {
                    var order = await grains.GetGrain<IFulfilmentOrderGrain>(OrderKey.Of(id, token.TokenNumber)).Retry();
                    if (order.Status == OrderStatus.Unmapped) still.Add(new UnmappedToken(token.TokenNumber, order.UnmappedReason ?? token.Reason));
                    else ordered.Add(token.TokenNumber);
                }
                await merch.Record(ordered, still);
                return await merch.GetMerch();
            })
            .WithName("RetryMerch").WithSummary("Try the unmapped tokens again (after stock arrived)")
            .Produces<MerchView>().ProducesProblem(404)
            .RequireOperator();

        app.MapGet("/shortcodes/{code}", async (string code, IGrainFactory grains) =>
            {
                var typo = FulfilmentInput.Invalid("code",
                    $"is not a shortcode: 9 characters of {Shortcode.Alphabet} (any case, '-' ignored) with a matching check character");
                // A code passing only the check used before v2 resolves if it was issued then; otherwise it is a typo.
                var current = Shortcode.Normalize(code);
                var canonical = current ?? Shortcode.NormalizeLegacy(code) ?? throw typo;
                var orderId = await grains.GetGrain<IShortcodeGrain>(canonical).Resolve()
                    ?? throw (current is null ? typo : new Rejected(FulfilmentRejectionCodes.ShortcodeNotFound, "No order has this shortcode."));
                var order = await grains.GetGrain<IFulfilmentOrderGrain>(orderId).GetOrder();
                return new ShortcodeView(Shortcode.Display(canonical), order.OrderId, order.DropId, order.TokenNumber, order.Status, order.Lines);
            })
            .WithTags("Merch and fulfilment")
            .WithName("GetShortcode").WithSummary("What a picker types at the packing table: the shortcode's order, token, SKUs and variant choices")
            .Produces<ShortcodeView>().ProducesProblem(400).ProducesProblem(404)
            .RequireOperator();

        app.MapGet("/fulfilment/dead-letters", (int? limit, IGrainFactory grains) => grains.GetGrain<IFulfilmentDeskGrain>(0).DeadLetters(limit ?? 100))
            .WithTags("Merch and fulfilment")
            .WithName("GetDeadLetters").WithSummary("Orders the partner never took after every attempt; retry each with POST /orders/{id}/{token}/retry")
            .Produces<IReadOnlyList<DeadLetterView>>().ProducesProblem(400)
            .RequireOperator();

        return app;
    }
}
