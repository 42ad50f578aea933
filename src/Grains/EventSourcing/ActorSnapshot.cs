using System.Text.Json;

namespace MicroEvents.EventSourcing;

/// <summary>
/// The folded state of one stream at <see cref="Version"/>, so reactivation reads this plus the tail.
/// <see cref="StateType"/> guards against reading a snapshot of another shape: on a mismatch the
/// stream is folded from the start instead (snapshots are a cache, never the truth).
/// </summary>
public sealed class ActorSnapshot
{
    public required string Id { get; set; }
    public required long Version { get; set; }
    public required string StateType { get; set; }
    public required JsonElement State { get; set; }

    /// <summary>Pages of a paged state (<see cref="IPagedSnapshot{TSelf}"/>) this head stands on, stored as their own documents.</summary>
    public int Pages { get; set; }
    public DateTimeOffset TakenAt { get; set; }
}
