using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Skus;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Skus;

/// <summary>Operators manage physical stock: one route, one SKU actor call.</summary>
public static class SkuEndpoints
{
    public static IEndpointRouteBuilder MapSkus(this IEndpointRouteBuilder app)
    {
        var skus = app.MapGroup("/skus").WithTags("SKUs and stock").RequireOperator();

        skus.MapPost("/", async ([FromBody] DefineSkuRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var sku = Sku(grains, request.Id, asValidation: true);
                var created = await sku.Define(new SkuDefinition(request.Title ?? "", request.Variants ?? [], request.LowStockThreshold ?? 0));
                var view = await sku.GetSku();
                return created ? Results.Created($"/skus/{view.Id}", view) : Results.Ok(view);
            })
            .WithName("DefineSku").WithSummary("Define a SKU (title, variants, low-stock threshold); the same definition again answers 200")
            .Produces<SkuView>(StatusCodes.Status201Created).Produces<SkuView>().ProducesProblem(400).ProducesProblem(409);

        skus.MapGet("/{sku}", (string sku, IGrainFactory grains) => Sku(grains, sku).GetSku())
            .WithName("GetSku").WithSummary("Stock per location and variant, holds, availability and the low-stock flag")
            .Produces<SkuView>().ProducesProblem(404);

        skus.MapPost("/{sku}/receipts", (string sku, [FromBody] ReceiveStockRequest? body,
                [FromHeader(Name = "Idempotency-Key")] string? key, IGrainFactory grains) =>
            {
                var r = RequestBody.Required(body);
                return Sku(grains, sku).Receive(new StockMove(MoveId(r.MoveId, key), r.Location ?? "", r.Variant ?? "", r.Quantity, r.Reason ?? "delivery"));
            })
            .WithName("ReceiveStock").WithSummary("Receive units at a location (moveId or Idempotency-Key: a retry counts once)")
            .Produces<SkuView>().ProducesProblem(400).ProducesProblem(404);

        skus.MapPost("/{sku}/adjustments", (string sku, [FromBody] AdjustStockRequest? body,
                [FromHeader(Name = "Idempotency-Key")] string? key, IGrainFactory grains) =>
            {
                var r = RequestBody.Required(body);
                return Sku(grains, sku).Adjust(new StockMove(MoveId(r.MoveId, key), r.Location ?? "", r.Variant ?? "", r.Delta, r.Reason ?? ""));
            })
            .WithName("AdjustStock").WithSummary("Correct the count at a location with a reason; never below what is held for orders")
            .Produces<SkuView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        skus.MapPost("/{sku}/reservations", (string sku, [FromBody] ReserveStockRequest? body, IGrainFactory grains) =>
            {
                var r = RequestBody.Required(body);
                var id = Id("reservationId", r.ReservationId);
                if (r.Variant is not null && !ClientText.IsValid(r.Variant, ClientText.MaxNameLength))
                    throw Invalid("variant", ClientText.Problem(r.Variant, ClientText.MaxNameLength)!);
                return Sku(grains, sku).Reserve(id, r.Variant);
            })
            .WithName("ReserveStock").WithSummary("Hold one unit by reservation id (idempotent); without a variant it holds any variant")
            .Produces<StockReservation>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        skus.MapPost("/{sku}/reservations/{reservationId}/release", async (string sku, string reservationId, [FromBody] ReleaseStockRequest? body, IGrainFactory grains) =>
            {
                var reason = body?.Reason ?? "released by operator";
                if (ClientText.Problem(reason, ClientText.MaxNameLength) is { } problem) throw Invalid("reason", problem);
                var released = await Sku(grains, sku).Release(Id("reservationId", reservationId), reason);
                return Results.Ok(new { released });
            })
            .WithName("ReleaseStock").WithSummary("Give a held unit back (idempotent)")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        return app;
    }

    private static ISkuGrain Sku(IGrainFactory grains, string? id, bool asValidation = false) =>
        SkuId.IsValid(id) ? grains.GetGrain<ISkuGrain>(id!)
        : asValidation ? throw Invalid("id", SkuId.Rule)
        : throw new Rejected(SkuRejectionCodes.SkuNotFound, "No such SKU.");

    private static string MoveId(string? body, string? header) => Id("moveId", body ?? header ?? Guid.NewGuid().ToString("N"));

    private static string Id(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(field, "is required")
        : ClientText.Problem(value, ClientText.MaxIdLength) is { } problem ? throw Invalid(field, problem)
        : value;

    private static Rejected Invalid(string field, string problem) =>
        new(RejectionCodes.ValidationFailed, $"The {field} is invalid.", new Dictionary<string, string[]> { [field] = [problem] });
}
