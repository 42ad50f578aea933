using MicroEvents.Claims.Events;
using MicroEvents.Modules;

namespace MicroEvents.Claims;

/// <summary>The claim feature's silo half: claim streams, their secrets, escrow and mail outbox (<see cref="ClaimsSilo"/>).</summary>
public sealed class ClaimsModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(ClaimEvent)];

    public void AddSilo(ISiloBuilder silo, SiloModuleContext context) => silo.AddClaims(context.Configuration);
}
