using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Drops;

/// <summary>A wallet address as its 20 bytes: letter case falls away, and a set of them is a third of the size of the strings.</summary>
internal readonly record struct WalletKey(ulong High, ulong Middle, uint Low)
{
    public const int Size = 20;

    /// <summary>
    /// Mints carry addresses the drop normalised (<c>0x</c> + 40 hex digits). Anything else (an event from before that
    /// rule) gets a key hashed from its lower-cased text, so it is still counted once.
    /// </summary>
    public static WalletKey Of(string wallet)
    {
        Span<byte> bytes = stackalloc byte[Size];
        if (wallet.Length != 2 + 2 * Size || !wallet.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ||
            Convert.FromHexString(wallet.AsSpan(2), bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            SHA256.HashData(Encoding.UTF8.GetBytes(wallet.ToLowerInvariant())).AsSpan(0, Size).CopyTo(bytes);
        return Read(bytes);
    }

    public static WalletKey Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Middle);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[16..], Low);
    }
}

/// <summary>
/// The leaderboard's memory of which wallets each creator has: every wallet with the sequence number of its first mint
/// for that creator, and the creator of each drop. A creator's set is read from its stored runs the first time one of
/// its mints is applied after a start, then kept.
/// <para>
/// A wallet counts as new when the set does not hold it, or holds it from the very mint being applied or a later one.
/// That is what makes the memory safe to keep across a page that failed (its rows rolled back, its events applied
/// again) and across a rebuild (tables emptied, every event applied again from the first): the first mint of each
/// wallet is new again exactly when it is applied again.
/// </para>
/// </summary>
internal sealed class CreatorWalletSets
{
    /// <summary>Stored per wallet in a run: its 20 bytes, then its first mint's sequence number.</summary>
    public const int EntrySize = WalletKey.Size + sizeof(long);

    private readonly Dictionary<string, Dictionary<WalletKey, long>> _byCreator = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _creatorOfDrop = new(StringComparer.Ordinal);

    public bool Knows(string dropId) => _creatorOfDrop.ContainsKey(dropId);

    public string? CreatorOf(string dropId) => _creatorOfDrop.GetValueOrDefault(dropId);

    public void Know(string dropId, string creator) => _creatorOfDrop[dropId] = creator;

    public bool Loaded(string creator) => _byCreator.ContainsKey(creator);

    /// <summary>Adds a creator's stored runs (call once per creator, with all of its runs; none is an empty set).</summary>
    public void Load(string creator, IEnumerable<byte[]> runs)
    {
        var set = new Dictionary<WalletKey, long>();
        foreach (var run in runs)
            for (var i = 0; i + EntrySize <= run.Length; i += EntrySize)
            {
                var key = WalletKey.Read(run.AsSpan(i));
                var first = BinaryPrimitives.ReadInt64BigEndian(run.AsSpan(i + WalletKey.Size));
                set[key] = set.TryGetValue(key, out var known) ? Math.Min(known, first) : first;
            }
        _byCreator[creator] = set;
    }

    /// <summary>True when this mint is the wallet's first for the creator (see the class's remarks).</summary>
    public bool IsFirst(string creator, WalletKey wallet, long sequence)
    {
        var set = _byCreator[creator];
        if (set.TryGetValue(wallet, out var first) && first < sequence) return false;
        set[wallet] = sequence;
        return true;
    }

    public static void WriteEntry(Span<byte> into, WalletKey wallet, long sequence)
    {
        wallet.Write(into);
        BinaryPrimitives.WriteInt64BigEndian(into[WalletKey.Size..], sequence);
    }
}
