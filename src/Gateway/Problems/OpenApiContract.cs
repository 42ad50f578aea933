using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The OpenAPI document is the contract: a member is required only when the server requires it (a nullable or
/// defaulted constructor parameter is optional), and every operation lists every status it can answer with the
/// problem types of that status, so a generated client can expect exactly what the server does.
/// </summary>
public static class OpenApiContract
{
    public static void Add(OpenApiOptions options)
    {
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
                    r.Description = Describe(code, r.Description);
            return Task.CompletedTask;
        });
    }

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
