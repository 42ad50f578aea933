using MicroEvents.Live;

namespace MicroEvents.Live;

/// <summary>
/// What a live reader needs from a stretch of a drop's stream: its version, how many mints it holds, the
/// events that change what the feed shows (lifecycle, tokens given back) each with the mints before it in
/// the stretch and the last mint before it, and the last mint of all. Mints are counted, never sent one by one.
/// </summary>
public sealed record LiveRead(long Version, IReadOnlyList<LivePoint> Points, LiveMint? LastMint, long Mints = 0)
{
    public static readonly LiveRead Empty = new(0, [], null);
}

/// <summary>
/// A lifecycle or release event at <see cref="Version"/>: <see cref="MintsBefore"/> mints of the stretch came
/// before it, the last of them (or an earlier one) being <see cref="MintBefore"/> (null: none yet).
/// </summary>
public sealed record LivePoint(long Version, string Alias, DateTimeOffset Timestamp, long? Supply, LiveMint? MintBefore, long MintsBefore = 0);

/// <summary>A mint and its position in the stream.</summary>
public sealed record LiveMint(long Version, LiveToken Token);
