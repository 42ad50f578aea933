using System.Collections.Immutable;
using MicroEvents.Wallets;

namespace MicroEvents.Drops;

/// <summary>
/// Every mint of a drop, in mint order (its ordinal, 1-based; equal to the token number until a token is
/// released and re-issued), with lookups by claim id and by wallet. Versions of a drop's
/// state (confirmed, tentative, snapshotting) are prefixes of one another, so they share one
/// append-only ledger and each view is just a count: adding is O(1), copying is free, and a view
/// never sees entries past its count. Appending something other than what the ledger already holds
/// at that position (a diverged history) forks a ledger of its own.
/// </summary>
[Immutable]
public sealed class ClaimBook
{
    private readonly Ledger _ledger;

    private ClaimBook(Ledger ledger, int count)
    {
        _ledger = ledger;
        Count = count;
    }

    public static ClaimBook Empty => new(new Ledger(), 0);

    public int Count { get; }

    /// <summary>The mint with ordinal <paramref name="index"/> + 1.</summary>
    public MintedToken this[int index] =>
        (uint)index < (uint)Count ? _ledger.Tokens[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public static ClaimBook Of(IReadOnlyList<MintedToken> tokens)
    {
        var ledger = new Ledger();
        foreach (var token in tokens) ledger.Append(token);
        return new ClaimBook(ledger, tokens.Count);
    }

    public ClaimBook Add(MintedToken token)
    {
        if (_ledger.Tokens.Count == Count)
        {
            _ledger.Append(token);
            return new ClaimBook(_ledger, Count + 1);
        }
        // Another version already appended past us: the same mint is shared, a different one forks.
        if (_ledger.Tokens[Count] == token) return new ClaimBook(_ledger, Count + 1);
        var fork = Of(Enumerable.Range(0, Count).Select(i => _ledger.Tokens[i]).ToList());
        return fork.Add(token);
    }

    /// <summary>The ordinal (1-based place in mint order) of the claim's mint.</summary>
    public bool TryFind(string claimId, out long ordinal)
    {
        ordinal = 0;
        if (!_ledger.ByClaim.TryGetValue(claimId, out var index) || index >= Count || _ledger.Tokens[index].ClaimId != claimId)
            return false;
        ordinal = index + 1;
        return true;
    }

    /// <summary>Mints of a wallet in this view, ignoring letter case, less those whose ordinals are in <paramref name="released"/>.</summary>
    public int CountFor(string wallet, ImmutableHashSet<long>? released = null)
    {
        // A ledger's slots are never rewritten (a different history forks a new ledger), so the
        // indexes listed for this wallet are its mints; only the view's count limits what it sees.
        if (!_ledger.ByWallet.TryGetValue(WalletAddress.LimitKey(wallet), out var indexes)) return 0;
        var count = 0;
        foreach (var index in indexes)
            if (index < Count && (released is null || released.Count == 0 || !released.Contains(index + 1))) count++;
        return count;
    }

    /// <summary>The mints of this view in mint order; safe while newer versions keep appending.</summary>
    public IEnumerable<MintedToken> Tokens()
    {
        for (var i = 0; i < Count; i++) yield return _ledger.Tokens[i];
    }

    // Written only from the owning grain's turn; readers only look below their own count.
    private sealed class Ledger
    {
        public readonly List<MintedToken> Tokens = [];
        public readonly Dictionary<string, int> ByClaim = new(StringComparer.Ordinal);
        public readonly Dictionary<string, List<int>> ByWallet = new(StringComparer.Ordinal);

        public void Append(MintedToken token)
        {
            var index = Tokens.Count;
            Tokens.Add(token);
            ByClaim[token.ClaimId] = index;
            var key = WalletAddress.LimitKey(token.Wallet);
            if (!ByWallet.TryGetValue(key, out var indexes)) ByWallet[key] = indexes = [];
            indexes.Add(index);
        }
    }
}
