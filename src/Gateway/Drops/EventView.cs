using System.Text.Json;

namespace MicroEvents.Gateway.Drops;

/// <summary>One stored event for analysts; <see cref="Type"/> is the stable alias, <see cref="Data"/> the payload as stored.</summary>
public sealed record EventView(long Version, string Type, DateTimeOffset Timestamp, string? CorrelationId, JsonElement Data);
