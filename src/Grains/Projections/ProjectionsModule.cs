using MicroEvents.Modules;
using Microsoft.Extensions.Configuration;

namespace MicroEvents.Projections;

/// <summary>
/// The projection daemon, unless <c>Projections:Enabled</c> is false. The projections themselves belong to
/// their features' modules (<see cref="ISiloModule.Projections"/>).
/// </summary>
public sealed class ProjectionsModule : ISiloModule
{
    public void AddSilo(ISiloBuilder silo, SiloModuleContext context)
    {
        if (context.Configuration.GetValue("Projections:Enabled", true)) silo.AddProjections();
    }
}
