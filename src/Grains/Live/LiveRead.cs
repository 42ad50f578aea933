using MicroEvents.Live;

namespace MicroEvents.Live;

/// <summary>
/// What a live reader needs from a stretch of a drop's stream: its version, every event other than a mint
/// (lifecycle, and whatever a later feature adds) with the last mint before it, and the last mint of all.
/// Mints are never read one by one: token numbers are gapless, so the last mint's number is the count.
/// </summary>
public sealed record LiveRead(long Version, IReadOnlyList<LivePoint> Points, LiveMint? LastMint)
{
    public static readonly LiveRead Empty = new(0, [], null);
}

/// <summary>A non-mint event at <see cref="Version"/>, with the last mint stored before it (null: none yet).</summary>
public sealed record LivePoint(long Version, string Alias, DateTimeOffset Timestamp, long? Supply, LiveMint? MintBefore);

/// <summary>A mint and its position in the stream.</summary>
public sealed record LiveMint(long Version, LiveToken Token);
