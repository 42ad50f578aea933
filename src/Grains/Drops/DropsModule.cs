using MicroEvents.Drops.Events;
using MicroEvents.Modules;
using MicroEvents.Projections;

namespace MicroEvents.Drops;

/// <summary>The drop feature's silo half: drop streams and the read models built from them.</summary>
public sealed class DropsModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(DropEvent)];

    public IEnumerable<TableProjection> Projections(string schema) =>
        [new DropTimelineProjection(schema), new CreatorLeaderboardProjection(schema)];
}
