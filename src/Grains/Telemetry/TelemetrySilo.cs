using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.Telemetry;

public static class TelemetrySilo
{
    /// <summary>Trace context carried across grain calls (gateway → silo → silo), and the actor's key on every log line.</summary>
    public static ISiloBuilder AddActorTelemetry(this ISiloBuilder silo)
    {
        silo.AddActivityPropagation();
        silo.Services.AddSingleton<IIncomingGrainCallFilter, ActorLogScope>();
        return silo;
    }
}
