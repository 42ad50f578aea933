namespace MicroEvents.Events;

/// <summary>
/// One stored event as exported: its stream key and kind, its version in the stream, its global
/// sequence (the resume point), the server timestamp, its stable alias, correlation id and JSON payload as stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ExportedEvent(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Version,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string Alias,
    [property: Id(5)] string? CorrelationId,
    [property: Id(6)] string DataJson)
{
    /// <summary>The stream key's first segment: <c>drop</c> for <c>drop/summer-jam</c>.</summary>
    public string Kind => Stream.Split('/', 2)[0];
}
