using MicroEvents.Modules;

namespace MicroEvents.Gateway.Modules;

/// <summary>Every feature's gateway half (see <see cref="IGatewayModule"/>).</summary>
public static class GatewayModules
{
    /// <summary>Stateless module objects, found once; read-only.</summary>
    public static IReadOnlyList<IGatewayModule> All { get; } = FeatureModules.In<IGatewayModule>(typeof(GatewayModules).Assembly);

    public static IEnumerable<KeyValuePair<string, int>> Problems => All.SelectMany(m => m.Problems);

    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        foreach (var module in All) module.AddServices(builder);
        return builder;
    }

    /// <summary>Each module's endpoints, in a prefix-less group that tags them with the module's name.</summary>
    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder app)
    {
        foreach (var module in All)
            module.Map(app.MapGroup("").WithMetadata(new FeatureEndpoint(module.Name)));
        return app;
    }
}
