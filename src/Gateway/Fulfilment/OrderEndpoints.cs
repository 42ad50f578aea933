using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>
/// Claimants act on their token's order with a signature (EIP-191) of the wallet that holds the token: the
/// same proof the wallet-claim paths use, and no account needed. Operators retry dead letters.
/// </summary>
public static class OrderEndpoints
{
    public const int MaxVariants = 10;

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Merch and fulfilment");

        orders.MapGet("/{id}/{token}", (string id, string token, IGrainFactory grains) => FulfilmentInput.Order(grains, id, token).GetOrder())
            .WithName("GetOrder").WithSummary("A token's fulfilment order: status, shortcode, lines, deadline, tracking; never the address")
            .Produces<OrderView>().ProducesProblem(404)
            .AllowPublic();

        orders.MapPost("/{id}/{token}/details", (string id, string token, [FromBody] DetailsRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var order = FulfilmentInput.Order(grains, id, token);
                var variants = request.Variants ?? [];
                if (variants.Count is 0 or > MaxVariants) throw FulfilmentInput.Invalid("variants", $"must list 1–{MaxVariants} choices");
                var choices = variants.Select((v, i) => new VariantChoice(
                    FulfilmentInput.Text($"variants[{i}].sku", v?.Sku, ClientText.MaxIdLength),
                    FulfilmentInput.Text($"variants[{i}].variant", v?.Variant, ClientText.MaxNameLength))).ToList();
                var address = (request.Address ?? throw FulfilmentInput.Invalid("address", "is required")).ToAddress();
                var details = new OrderDetails(choices, address);
                var signer = FulfilmentInput.Signer(OrderMessages.Details(FulfilmentInput.OrderIdOf(id, token)!, details), request.Signature);
                return order.ProvideDetails(details, signer);
            })
            .WithName("SetOrderDetails").WithSummary("Choose variants and give a shipping address, signed by the token's wallet; the order then goes to the partner")
            .Produces<OrderView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .AllowPublic(); // signed by the token's wallet: the proof is in the body

        orders.MapPost("/{id}/{token}/contact", (string id, string token, [FromBody] ContactRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var order = FulfilmentInput.Order(grains, id, token);
                var email = FulfilmentInput.Text("email", request.Email, 254);
                return order.GiveContact(email, FulfilmentInput.Signer(OrderMessages.Contact(FulfilmentInput.OrderIdOf(id, token)!, email), request.Signature));
            })
            .WithName("SetOrderContact").WithSummary("Give an email for the details reminder, signed by the token's wallet (kept out of the event stream)")
            .Produces<OrderView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .AllowPublic(); // signed by the token's wallet: the proof is in the body

        orders.MapPost("/{id}/{token}/returns", (string id, string token, [FromBody] ReturnRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var order = FulfilmentInput.Order(grains, id, token);
                var reason = FulfilmentInput.Text("reason", request.Reason, ClientText.MaxNameLength);
                return order.RequestReturn(reason, FulfilmentInput.Signer(OrderMessages.Return(FulfilmentInput.OrderIdOf(id, token)!, reason), request.Signature));
            })
            .WithName("RequestReturn").WithSummary("Ask to return a delivered item within the return window, signed by the token's wallet")
            .Produces<OrderView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .AllowPublic(); // signed by the token's wallet: the proof is in the body

        orders.MapPost("/{id}/{token}/retry", (string id, string token, IGrainFactory grains) => FulfilmentInput.Order(grains, id, token).Retry())
            .WithName("RetryOrder").WithSummary("Send a dead-lettered order to the partner again, or try an unmapped token's stock again")
            .Produces<OrderView>().ProducesProblem(404).ProducesProblem(409)
            .RequireOperator();

        return app;
    }
}
