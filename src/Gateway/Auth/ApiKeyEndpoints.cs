using MicroEvents.Access;
using MicroEvents.Gateway.Problems;

namespace MicroEvents.Gateway.Auth;

/// <summary>API keys for operators over HTTP (the console's API keys page), beside the <c>keys</c> CLI verbs.</summary>
public static class ApiKeyEndpoints
{
    public sealed record ApiKeyRequest(string? Role, string? Label, DateTimeOffset? ExpiresAt);

    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/operator/api-keys").WithTags("Operations");

        keys.MapGet("", (IGrainFactory grains) => Admin(grains).List())
            .WithSummary("Every API key: id, role, live/expired/revoked, created, expires, label, who made and revoked it; never a key")
            .Produces<IReadOnlyList<ApiKeyView>>().ProducesProblem(503)
            .RequireOperator();

        keys.MapPost("", async (ApiKeyRequest? body, HttpContext http, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var created = await Admin(grains).Create(request.Role, request.Label, request.ExpiresAt, Acting.By(http.User));
                return Results.Json(created, statusCode: StatusCodes.Status201Created);
            })
            .WithSummary("Create an API key {role: operator or analyst, label, expiresAt?}; the answer holds the key, the only copy there will be")
            .Produces<NewApiKey>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503)
            .RequireOperator();

        keys.MapPost("/{id}/revoke", (string id, HttpContext http, IGrainFactory grains) => Admin(grains).Revoke(id, Acting.By(http.User)))
            .WithSummary("Revoke an API key by id; it fails within 5 s on every gateway (revoking again keeps the first time)")
            .Produces<ApiKeyView>().ProducesProblem(404).ProducesProblem(503)
            .RequireOperator();
        return app;
    }

    private static IApiKeyAdminGrain Admin(IGrainFactory grains) => grains.GetGrain<IApiKeyAdminGrain>(0);
}
