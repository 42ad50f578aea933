namespace MicroEvents.Drops;

/// <summary>A point in a stream's past: after its event <see cref="Version"/>, or as stored at instant <see cref="At"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record AsOf([property: Id(0)] long? Version, [property: Id(1)] DateTimeOffset? At);
