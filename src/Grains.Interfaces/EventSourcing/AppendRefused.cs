namespace MicroEvents.EventSourcing;

/// <summary>
/// PostgreSQL refused an append for good (a data exception or a constraint, by SQLSTATE). The commands
/// in that append fail with this; nothing of them was stored, and the actor takes the next command at
/// once. Input validation should make it unreachable, so reaching it is a server bug worth a log line.
/// </summary>
[GenerateSerializer]
public sealed class AppendRefused(string streamKey, string reason, string detail)
    : Exception($"Storage refused an append to {streamKey} ({reason}): {detail}")
{
    [Id(0)] public string StreamKey { get; } = streamKey;

    /// <summary>The SQLSTATE, or the exception type when PostgreSQL was not the one refusing.</summary>
    [Id(1)] public string Reason { get; } = reason;
}
