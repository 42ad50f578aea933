using Marten;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Modules;
using MicroEvents.Projections;

namespace MicroEvents.Fulfilment;

/// <summary>Fulfilment's silo half: order streams, the orders' private documents, the funnel, the partner client (<see cref="FulfilmentSilo"/>).</summary>
public sealed class FulfilmentModule : ISiloModule
{
    public IEnumerable<Type> EventRoots => [typeof(OrderEvent)];

    public IEnumerable<TableProjection> Projections(string schema) => [new FulfilmentFunnelProjection(schema)];

    public void ConfigureMarten(StoreOptions opts)
    {
        opts.Schema.For<OrderPrivateDetails>().Identity(d => d.Id);
        opts.Schema.For<DeadLetteredOrder>().Identity(d => d.Id);
    }

    public void AddSilo(ISiloBuilder silo, SiloModuleContext context) => silo.AddFulfilment(context.Configuration);
}
