using MicroEvents.Drops;

namespace MicroEvents.Live;

/// <summary>What a live message says about the drop: counters moved, its status changed, or only its claim rate.</summary>
public enum LiveKind { Progress, Status, Rate }

/// <summary>
/// One message of a drop's live feed: the drop as it was after its event <see cref="Version"/> (the
/// durable position a client resumes from). Counts only: never a wallet or a claim id, so the feed can
/// be public like the drop's summary.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveMessage(
    [property: Id(0)] LiveKind Kind,
    [property: Id(1)] long Version,
    [property: Id(2)] DropStatus Status,
    [property: Id(3)] long Supply,
    [property: Id(4)] long Minted,
    [property: Id(5)] LiveToken? LastToken,
    [property: Id(6)] double? ClaimsPerSecond,
    [property: Id(7)] DateTimeOffset? ChangedAt)
{
    public long Remaining => Supply - Minted;
}

/// <summary>The latest token: its number, tier and when it was claimed (not who claimed it).</summary>
[GenerateSerializer, Immutable]
public sealed record LiveToken([property: Id(0)] long Number, [property: Id(1)] string? Tier, [property: Id(2)] DateTimeOffset ClaimedAt);

/// <summary>
/// Messages published together. <see cref="After"/> is the version of the publisher's previous message,
/// so a receiver that last saw another version knows it missed some and reads them from the stream.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveBatch([property: Id(0)] long After, [property: Id(1)] IReadOnlyList<LiveMessage> Messages);
