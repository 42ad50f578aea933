using System.Text.Json.Nodes;
using MicroEvents.Gateway.Modules;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// The OpenAPI document shows who may call what: two security schemes (API key, creator token) plus those the
/// feature modules contribute for callers of their own (<see cref="IGatewayModule.SecuritySchemes"/>: venue nodes'
/// signatures), and on every operation its requirement, the roles (<c>x-roles</c>) and its 401/403 answers.
/// </summary>
public static class OpenApiSecurity
{
    public const string ApiKeyScheme = "apiKey";
    public const string BearerScheme = "bearer";
    public const string RolesExtension = "x-roles";

    public static void Add(OpenApiOptions options)
    {
        options.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "An API key (`mev_…`, made with `keys create`) or a creator token from POST /auth/siwe.",
            };
            doc.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Credentials.ApiKeyHeader,
                Description = "An API key, as an alternative to the Authorization header.",
            };
            foreach (var scheme in ModuleSchemes) doc.Components.SecuritySchemes[scheme.Name] = scheme.Scheme();
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var access = context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointAccess>().LastOrDefault()
                ?? new EndpointAccess([Roles.Operator]);
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray(access.Roles.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()));
            operation.Description = $"{operation.Description}{(operation.Description is { Length: > 0 } ? "\n\n" : "")}**Who may call:** {access.Describe()}.";
            if (access.IsPublic)
            {
                operation.Security = [];
                return Task.CompletedTask;
            }

            operation.Security = ModuleSchemes.FirstOrDefault(s => access.Roles.Contains(s.Role)) is { } own
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(own.Name, context.Document)] = [] }]
                :
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
            ];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", Problem("No credentials, or unknown, revoked or expired ones (problem type `unauthorized`)"));
            operation.Responses.TryAdd("403", Problem("The caller's role may not do this, or the drop is not theirs (problem type `forbidden`)"));
            return Task.CompletedTask;
        });
    }

    private static IEnumerable<RoleSecurityScheme> ModuleSchemes => GatewayModules.All.SelectMany(m => m.SecuritySchemes);

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
