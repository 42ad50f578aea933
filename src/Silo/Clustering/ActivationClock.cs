using System.Diagnostics.CodeAnalysis;
using MicroEvents.Operations;
using Orleans.Metadata;

namespace MicroEvents.Silo.Clustering;

/// <summary>When an activation started: stamped on every activation as it is created, read by <see cref="IActivationClock"/>.</summary>
public sealed record ActivationStamp(DateTimeOffset At);

/// <summary>
/// Stamps each new drop activation with the wall clock (operator information, not domain time). Drops only:
/// other grain kinds have nothing to ask, and a stateless worker's context refuses components outright.
/// </summary>
internal sealed class StampActivations(GrainClassMap classes) : IConfigureGrainContextProvider, IConfigureGrainContext
{
    public bool TryGetConfigurator(GrainType grainType, GrainProperties properties, [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        configurator = classes.TryGetGrainClass(grainType, out var type) && typeof(MicroEvents.Drops.IDropGrain).IsAssignableFrom(type) ? this : null;
        return configurator is not null;
    }

    public void Configure(IGrainContext context) => context.SetComponent(new ActivationStamp(DateTimeOffset.UtcNow));
}

internal sealed class ActivationClock(IGrainContextAccessor accessor) : IActivationClock
{
    public Task<DateTimeOffset?> ActivatedAt() => Task.FromResult(accessor.GrainContext.GetComponent<ActivationStamp>()?.At);
}

public static class ActivationClockHosting
{
    /// <summary>Lets the operator route say how old a drop's activation is (<c>GET /operator/drops/{id}/location</c>).</summary>
    public static ISiloBuilder AddActivationClock(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IConfigureGrainContextProvider, StampActivations>();
        silo.AddGrainExtension<IActivationClock, ActivationClock>();
        return silo;
    }
}
