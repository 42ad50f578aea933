using Marten;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Projections;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Fulfilment;

/// <summary>Answers a drop's fulfilment funnel from its projection (<see cref="FulfilmentFunnelProjection"/>).</summary>
[StatelessWorker]
public sealed class FulfilmentStatsGrain(IDocumentStore store, EventJournal journal) : Grain, IFulfilmentStatsGrain
{
    private readonly FulfilmentFunnelProjection _funnel = new(store.Options.Events.DatabaseSchemaName);

    public Task<FulfilmentFunnel> Funnel(string dropId)
    {
        if (!DropId.IsValid(dropId))
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop id is invalid.", new Dictionary<string, string[]> { ["id"] = [DropId.Rule] });
        return ProjectionQuery.Read(store, journal, FulfilmentFunnelProjection.ProjectionName, async (connection, position) =>
            new FulfilmentFunnel(dropId, await _funnel.Read(connection, dropId, CancellationToken.None), position));
    }
}
