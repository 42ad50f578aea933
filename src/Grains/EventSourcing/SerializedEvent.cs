namespace MicroEvents.EventSourcing;

/// <summary>
/// An event as it will be stored: its JSON and correlation id, made once when the command is decided
/// (so a value PostgreSQL would refuse fails that command alone, before it joins a group commit).
/// </summary>
public sealed record SerializedEvent(object Event, string Json, string? CorrelationId);
