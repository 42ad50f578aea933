using MicroEvents.Modules;
using MicroEvents.Skus.Events;

namespace MicroEvents.Skus;

/// <summary>The SKU feature's silo half: its streams (the actor needs no services of its own).</summary>
public sealed class SkusModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(SkuEvent)];
}
