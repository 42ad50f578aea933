using MicroEvents.Modules;
using MicroEvents.Projections;
using MicroEvents.Venues.Events;

namespace MicroEvents.Venues;

/// <summary>Venues' silo half: venue, node and revocation-list streams, the node statistics, the thresholds (<see cref="VenuesSilo"/>).</summary>
public sealed class VenuesModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(VenueEvent), typeof(NodeEvent), typeof(RevocationEvent)];

    public IEnumerable<TableProjection> Projections(string schema) => [new VenueNodeStatsProjection(schema)];

    public void AddSilo(ISiloBuilder silo, SiloModuleContext context) => silo.AddVenues(context.Configuration);
}
