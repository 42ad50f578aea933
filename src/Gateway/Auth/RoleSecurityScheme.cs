using Microsoft.OpenApi;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// A feature's own kind of caller in the OpenAPI document: the security scheme <paramref name="Name"/> is listed in the
/// document, and an operation open to <paramref name="Role"/> names it as its only requirement (instead of the bearer
/// token and API key). Contributed by a module (<c>IGatewayModule.SecuritySchemes</c>), e.g. venue nodes' signatures.
/// </summary>
public sealed record RoleSecurityScheme(string Name, string Role, Func<OpenApiSecurityScheme> Scheme);
