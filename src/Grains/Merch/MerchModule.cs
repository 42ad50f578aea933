using MicroEvents.Fulfilment.Events;
using MicroEvents.Modules;

namespace MicroEvents.Fulfilment;

/// <summary>Merch mappings' silo half: their streams.</summary>
public sealed class MerchModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(MerchEvent)];
}
