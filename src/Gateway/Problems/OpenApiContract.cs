using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The OpenAPI document is the contract: a member is required only when the server requires it (a nullable or
/// defaulted constructor parameter is optional), and every operation lists every status it can answer with the
/// problem types of that status, so a generated client can expect exactly what the server does. Every operation has
/// an operation id (its endpoint name), so generated clients name their methods after it; every error response is
/// problem+json with the one problem schema (including <c>errors</c>), and a body that is not JSON (NDJSON, HTML,
/// images, metrics) is declared as a binary stream, which is what a client has to read it as.
/// </summary>
public static class OpenApiContract
{
    /// <summary>The component every error response refers to.</summary>
    public const string ProblemSchema = "ProblemDetails";

    public static void Add(OpenApiOptions options)
    {
        // Enums travel as camelCase strings; without "type": "string" a generator takes them for numbers (NSwag then
        // reads "draft" with no string converter and fails).
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type.IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null) schema.Type = JsonSchemaType.String;
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type)) return Task.CompletedTask;
            // RFC 9457 allows extension members; ours are `errors` (field → problems) and `traceId`.
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                Description = "validation-failed: each invalid field, query parameter or header with its problems",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "the request's trace id, for the logs" };
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object || schema.Required is not { Count: > 0 } required) return Task.CompletedTask;
            foreach (var property in context.JsonTypeInfo.Properties)
                if (Optional(property)) required.Remove(property.Name);
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            var description = context.Description;
            // Every operation: a malformed query or header (400), an unreachable cluster or PostgreSQL (503).
            Add(operation, 400);
            Add(operation, 503);
            if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path")) Add(operation, 404);
            if (description.ParameterDescriptions.Any(p => p.Source.Id == "Body") || description.SupportedRequestFormats.Count > 0)
            {
                Add(operation, 413);
                Add(operation, 415);
            }
            if (context.Description.ActionDescriptor.EndpointMetadata.Any(m => m.GetType().Name.Contains("RateLimit", StringComparison.Ordinal))
                || operation.Responses.ContainsKey("429"))
                Add(operation, 429);
            // Name the problem types each documented error status can carry.
            foreach (var (status, response) in operation.Responses)
                if (int.TryParse(status, out var code) && code >= 400 && response is OpenApiResponse r)
                {
                    r.Description = Describe(code, r.Description);
                    r.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemJsonWriter.MediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                    };
                }
                else if (code is >= 200 and < 300 && response is OpenApiResponse ok)
                {
                    // A declared content type without a CLR type (an event stream, a page, an image) is left out of
                    // the document by ASP.NET: put it back, so a client knows what it reads.
                    foreach (var mediaType in description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
                                 .Where(m => m.StatusCode == code).SelectMany(m => m.ContentTypes))
                        (ok.Content ??= new Dictionary<string, OpenApiMediaType>()).TryAdd(mediaType, new OpenApiMediaType());
                    foreach (var (mediaType, body) in ok.Content ?? new Dictionary<string, OpenApiMediaType>())
                        if (!IsJson(mediaType)) body.Schema = Binary();
                }
            return Task.CompletedTask;
        });
    }

    /// <summary>A body that is not JSON: NSwag and other generators hand it to the caller as a stream.</summary>
    public static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool Optional(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || property.AssociatedParameter is { } p && (p.HasDefaultValue || p.IsNullable)
        || property.AssociatedParameter is null && !property.IsRequired;

    private static void Add(OpenApiOperation operation, int status) =>
        operation.Responses!.TryAdd(status.ToString(), new OpenApiResponse
        {
            Description = "",
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJsonWriter.MediaType] = new() },
        });

    /// <summary>The problem types a status can carry, e.g. "Problem types: `/problems/drop-not-found`, …".</summary>
    public static IReadOnlyList<string> TypesOf(int status) =>
        [.. ProblemTypes.Statuses.Where(kv => kv.Value == status).Select(kv => ProblemTypes.Uri(kv.Key)).Order()];

    private static string Describe(int status, string? description)
    {
        var types = TypesOf(status);
        if (types.Count == 0 || description?.Contains("Problem types:", StringComparison.Ordinal) == true) return description ?? "";
        var list = "Problem types: " + string.Join(", ", types.Select(t => $"`{t}`")) + ".";
        return string.IsNullOrWhiteSpace(description) || description is "Bad Request" or "Not Found" or "Conflict" or "Service Unavailable"
            ? list : $"{description}. {list}";
    }
}
