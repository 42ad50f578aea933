using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.Http.Metadata;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The strict query layer: an endpoint's query parameters are the ones its handler declares (and so the ones the
/// OpenAPI document lists). A parameter it does not declare (<c>?strem=</c>), one given twice, or a number or flag
/// that does not parse is a 400 <c>validation-failed</c> naming the parameter, before the handler runs. Checked here,
/// once, for every endpoint, instead of by each endpoint.
/// </summary>
public sealed class DeclaredQuery
{
    private readonly ConcurrentDictionary<Endpoint, IReadOnlyDictionary<string, Type>> _declared = new();

    public void Check(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<MethodInfo>() is null) return;
        var declared = _declared.GetOrAdd(endpoint, Declared);
        Dictionary<string, string[]>? errors = null;
        foreach (var (key, values) in http.Request.Query)
        {
            var problem = !declared.TryGetValue(key, out var type)
                ? $"is not a parameter of this endpoint; it takes {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys))}"
                : values.Count > 1 ? "must be given once"
                : Unparsable(type, values[0]);
            if (problem is null) continue;
            errors ??= [];
            errors[key.Length > 64 ? key[..64] : key] = [problem];
        }
        if (errors is not null)
            throw new Rejected(RejectionCodes.ValidationFailed, "The query string is invalid.", errors);
    }

    private static string? Unparsable(Type type, string? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(long) || t == typeof(int))
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && (t == typeof(long) || n is >= int.MinValue and <= int.MaxValue)
                ? null : "must be an integer";
        if (t == typeof(bool)) return value is "true" or "false" ? null : "must be true or false";
        return null;
    }

    /// <summary>Query parameters of a minimal-API handler: [FromQuery] ones, and simple ones that are not route values.</summary>
    private static IReadOnlyDictionary<string, Type> Declared(Endpoint endpoint)
    {
        var route = ((RouteEndpoint)endpoint).RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var declared = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in endpoint.Metadata.OfType<IParameterBindingMetadata>())
        {
            var attributes = p.ParameterInfo.GetCustomAttributes(true);
            if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
            {
                declared[fromQuery.Name ?? p.Name] = p.ParameterInfo.ParameterType;
                continue;
            }
            var boundElsewhere = attributes.Any(a => a is IFromRouteMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromServiceMetadata or IFromFormMetadata);
            var simple = p.ParameterInfo.ParameterType == typeof(string) || p.HasTryParse;
            if (!boundElsewhere && simple && !route.Contains(p.Name)) declared[p.Name] = p.ParameterInfo.ParameterType;
        }
        return declared;
    }
}
