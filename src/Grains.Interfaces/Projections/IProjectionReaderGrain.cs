namespace MicroEvents.Projections;

/// <summary>Reads the projections' positions (never the actors): stateless, on any silo.</summary>
public interface IProjectionReaderGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<ProjectionStatus>> Status();
}
