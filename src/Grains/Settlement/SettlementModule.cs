using MicroEvents.Modules;
using MicroEvents.Settlement.Events;

namespace MicroEvents.Settlement;

/// <summary>Settlement's silo half: its streams, and its actor and chain when a chain is configured (<see cref="SettlementSilo.Enabled"/>).</summary>
public sealed class SettlementModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(SettlementEvent)];

    public void AddSilo(ISiloBuilder silo, SiloModuleContext context)
    {
        if (SettlementSilo.Enabled(context.Configuration)) silo.AddSettlement(context.Configuration);
    }
}
