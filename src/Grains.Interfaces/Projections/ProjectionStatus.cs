namespace MicroEvents.Projections;

/// <summary>How far a projection has read the global event sequence, against the highest stored event.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectionStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] long Position,
    [property: Id(2)] long HighestSequence);

/// <summary>A finished rebuild: the projection replayed every stored event up to <see cref="Position"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ProjectionRebuilt(
    [property: Id(0)] string Name,
    [property: Id(1)] long Position,
    [property: Id(2)] double Seconds);
