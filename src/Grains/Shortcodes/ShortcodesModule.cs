using MicroEvents.Fulfilment.Events;
using MicroEvents.Modules;

namespace MicroEvents.Fulfilment;

/// <summary>Shortcodes' silo half: their streams.</summary>
public sealed class ShortcodesModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(ShortcodeEvent)];
}
