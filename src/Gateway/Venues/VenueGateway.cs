using MicroEvents.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Venues;

public static class VenueGateway
{
    /// <summary>Node request signatures (scheme and replay window, <c>Venues:RequestWindowSeconds</c>, default 300).</summary>
    public static WebApplicationBuilder AddVenueNodes(this WebApplicationBuilder builder)
    {
        var window = builder.Configuration.GetValue("Venues:RequestWindowSeconds", 300.0);
        builder.Services.Configure<NodeRequestOptions>(o => o.Window = TimeSpan.FromSeconds(window));
        builder.Services.AddSingleton(sp => new NodeRequestWindow(sp.GetRequiredService<IOptions<NodeRequestOptions>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, NodeSignatures>(NodeSignatures.SchemeName, null);
        return builder;
    }

    public static IEndpointRouteBuilder MapVenues(this IEndpointRouteBuilder app) =>
        app.MapNodes().MapPriming().MapVouchers().MapVenueStats();

    internal static MicroEvents.Venues.IVenueNodeGrain Node(IGrainFactory grains, string id) =>
        MicroEvents.Venues.NodeId.IsValid(id)
            ? grains.GetGrain<MicroEvents.Venues.IVenueNodeGrain>(id)
            : throw new MicroEvents.Rejections.Rejected(MicroEvents.Venues.VenueRejectionCodes.NodeNotFound, $"No node '{id}'.");
}
