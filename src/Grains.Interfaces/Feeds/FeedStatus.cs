namespace MicroEvents.Feeds;

/// <summary>
/// Where a feed stands: its checkpoint, the newest sequence it may safely read up to (no open gap below
/// it), and, while its handler keeps failing, since when and why. <see cref="Running"/> is false for a feed
/// this cluster ran before (it has a checkpoint) that no running silo registers now, e.g. settlement switched
/// off: nothing reads it until a silo with its feature starts, and <see cref="LastError"/> says so.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] long Checkpoint,
    [property: Id(2)] long HighWater,
    [property: Id(3)] long Delivered,
    [property: Id(4)] DateTimeOffset? FailingSince,
    [property: Id(5)] string? LastError,
    [property: Id(6)] bool Running = true);
