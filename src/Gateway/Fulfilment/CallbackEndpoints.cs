using System.Text.Json;
using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Auth;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>The partner's status callbacks: HMAC-signed with a timestamp, idempotent by event id, never moving an order backwards.</summary>
public static class CallbackEndpoints
{
    public const string SecretSetting = "Fulfilment:Partner:CallbackSecret";

    public static IEndpointRouteBuilder MapPartnerCallbacks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/fulfilment/callbacks", async (HttpRequest http, IConfiguration config, TimeProvider clock, IGrainFactory grains) =>
            {
                using var reader = new StreamReader(http.Body);
                var body = await reader.ReadToEndAsync();
                CallbackSignature.Verify(config[SecretSetting], http.Headers[CallbackSignature.TimestampHeader].FirstOrDefault(),
                    http.Headers[CallbackSignature.SignatureHeader].FirstOrDefault(), body, clock.GetUtcNow());

                PartnerCallback? callback;
                try { callback = JsonSerializer.Deserialize<PartnerCallback>(body, Json); }
                catch (JsonException) { throw FulfilmentInput.Invalid("body", "must be a JSON callback"); }
                if (callback is null) throw FulfilmentInput.Invalid("body", "is required");
                var orderId = FulfilmentInput.OrderIdOf(callback.OrderId) ?? throw FulfilmentInput.NoOrder();
                var status = callback.Status is { } s && OrderStatus.Reportable.Contains(s) ? s
                    : throw FulfilmentInput.Invalid("status", $"must be one of: {string.Join(", ", OrderStatus.Reportable)}");
                var report = new PartnerReport(
                    FulfilmentInput.Text("eventId", callback.EventId, ClientText.MaxIdLength), status,
                    Optional("carrier", callback.Carrier), Optional("trackingNumber", callback.TrackingNumber), Optional("reason", callback.Reason),
                    callback.Restock, callback.At ?? clock.GetUtcNow());
                return await grains.GetGrain<IFulfilmentOrderGrain>(orderId).Report(report);
            })
            .WithTags("Merch and fulfilment")
            .WithName("PostPartnerCallback").WithSummary($"Partner status callback: {CallbackSignature.TimestampHeader} + {CallbackSignature.SignatureHeader} (HMAC-SHA256 over \"timestamp.body\"); idempotent by eventId")
            .Accepts<PartnerCallback>("application/json")
            .Produces<OrderView>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404)
            .AllowPublic(); // authenticated by the partner's HMAC signature, not by a role
        return app;
    }

    private static string? Optional(string field, string? value) => value is null ? null : FulfilmentInput.Text(field, value, ClientText.MaxNameLength);

    private static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = GatewayHost.MaxJsonDepth };
        GatewayHost.Configure(json);
        return json;
    }
}
