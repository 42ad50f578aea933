namespace MicroEvents.Events;

/// <summary>
/// Which stored events an export reads, across every actor's stream: each criterion is optional and
/// they all must hold. <see cref="After"/> is the resume point: the global sequence of the last event
/// already read (exclusive); <see cref="Through"/> is the last sequence wanted (inclusive).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EventFilter
{
    /// <summary>One stream key, e.g. <c>drop/summer-jam</c>.</summary>
    [Id(0)] public string? Stream { get; init; }

    /// <summary>One stream kind, e.g. <c>drop</c>: every stream <c>drop/…</c>.</summary>
    [Id(1)] public string? Kind { get; init; }

    /// <summary>One event alias, e.g. <c>drop.token_minted.v1</c>.</summary>
    [Id(2)] public string? Alias { get; init; }

    /// <summary>Stored at or after this instant.</summary>
    [Id(3)] public DateTimeOffset? From { get; init; }

    /// <summary>Stored before this instant.</summary>
    [Id(4)] public DateTimeOffset? To { get; init; }

    [Id(5)] public long After { get; init; }

    [Id(6)] public long? Through { get; init; }

    /// <summary>Any of these event aliases (a feed's event types); null for every alias.</summary>
    [Id(7)] public IReadOnlyList<string>? Aliases { get; init; }
}
