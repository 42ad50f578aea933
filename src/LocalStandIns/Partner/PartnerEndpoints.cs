using MicroEvents.Gateway.Auth;
using MicroEvents.Partner;

namespace MicroEvents.LocalStandIns.Partner;

public static class PartnerEndpoints
{
    /// <summary>Development only: exists only when the silo runs its own <see cref="PartnerSimulator"/> (no <c>Fulfilment:Partner:BaseUrl</c>).</summary>
    public static WebApplication MapLocalPartner(this WebApplication app, PartnerSimulator partner)
    {
        app.MapGet("/dev/partner", () => new LocalPartnerView(partner.BaseUrl.ToString(), new Uri(partner.BaseUrl, "simulator/behaviour").ToString(),
                new Uri(partner.BaseUrl, "simulator/state").ToString(), partner.Behaviour, partner.State))
            .WithTags("Development").WithSummary("Where the local fulfilment partner simulator listens (PUT its behaviour URL to change how it misbehaves) and what it saw")
            .Produces<LocalPartnerView>()
            .RequireOperator();
        return app;
    }
}

/// <summary>The local partner simulator: its address, where to change its behaviour, where to read what it saw, and both now.</summary>
public sealed record LocalPartnerView(string BaseUrl, string BehaviourUrl, string StateUrl, SimulatorBehaviour Behaviour, SimulatorState State);
