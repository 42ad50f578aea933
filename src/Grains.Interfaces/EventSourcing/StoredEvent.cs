namespace MicroEvents.EventSourcing;

/// <summary>One event as analysts read it: its position, stable type alias and raw JSON payload.</summary>
[GenerateSerializer, Immutable]
public sealed record StoredEvent(
    [property: Id(0)] long Version,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string? CorrelationId,
    [property: Id(4)] string DataJson);
