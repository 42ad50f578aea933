namespace MicroEvents.Venues;

/// <summary>Reads the venue-nodes projection's tables (never the actors): stateless, on any silo.</summary>
public interface IVenueStatsGrain : IGrainWithIntegerKey
{
    Task<NodeStats> NodeStats(string nodeId);
    Task<VenueStats> VenueStats(string venue);
}
