using MicroEvents.Projections;

namespace MicroEvents.Fulfilment;

/// <summary>Reads the fulfilment-funnel projection's tables (never the actors): stateless, on any silo.</summary>
public interface IFulfilmentStatsGrain : IGrainWithIntegerKey
{
    Task<FulfilmentFunnel> Funnel(string dropId);
}
