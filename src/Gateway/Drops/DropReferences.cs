using MicroEvents.Drops;

namespace MicroEvents.Gateway.Drops;

/// <summary>
/// References to drop actors for the claim route. <c>GetGrain&lt;IDropGrain&gt;(id)</c> resolves the interface's Orleans
/// type on every call (a custom-attribute scan, a type name formatted and hashed: ~2 % of the claim path's CPU); here
/// the interface and grain types are taken once from the first reference Orleans makes, and each drop's reference is
/// made from them: the same reference <c>GetGrain&lt;IDropGrain&gt;(id)</c> returns. Only the gateway's
/// <see cref="IGrainFactory"/> is needed, as everywhere in the gateway.
/// </summary>
public sealed class DropReferences(IGrainFactory grains)
{
    // Written once, by whichever request comes first (the same value from any): a failed first resolution (no cluster
    // yet) is not kept, the next request resolves again.
    private Types? _types;

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);

    public IDropGrain Of(string id)
    {
        var types = _types ??= Resolve();
        return (IDropGrain)grains.GetGrain(GrainId.Create(types.Grain, IdSpan.Create(id)), types.Interface);
    }

    private Types Resolve()
    {
        var probe = (GrainReference)grains.GetGrain<IDropGrain>("-");
        return new Types(probe.GrainId.Type, probe.InterfaceType);
    }
}
