namespace MicroEvents.Drops;

/// <summary>The answer to a create: the drop, and whether this call created it (false: the same manifest was already stored).</summary>
[GenerateSerializer, Immutable]
public sealed record DropCreation([property: Id(0)] DropSummary Summary, [property: Id(1)] bool Created);
