using MicroEvents.Modules;
using MicroEvents.Throttles.Events;

namespace MicroEvents.Throttles;

/// <summary>The claim throttle's silo half: its streams.</summary>
public sealed class ThrottlesModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(ThrottleEvent)];
}
