using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts.Events;

namespace MicroEvents.Drops;

/// <summary>
/// A drop as the fold of its events. Immutable and built from persistent collections, so the
/// tentative state Orleans derives after every batch shares almost everything with the confirmed one.
/// </summary>
// SnapshotVersion 5: mints paged (older silos must not read a head without its pages as the whole drop).
// SnapshotVersion 6: sealed batches paged too (a version-5 head holds every seal, without the mints each was recorded at).
[GenerateSerializer, Immutable, SnapshotVersion(6), JsonConverter(typeof(DropSnapshotJson))]
public sealed record DropState : IEventFold<DropState, DropEvent>, IPagedSnapshot<DropState>
{
    /// <summary>A fresh empty drop on every call: each fold owns its claim ledger, never one shared by all drops.</summary>
    public static DropState Initial => new();

    /// <summary>The manifest; null until the drop is created.</summary>
    [Id(0)] public DropCreated? Manifest { get; init; }

    [Id(1)] public DropPhase Phase { get; init; }

    /// <summary>Minted per tier, in manifest order.</summary>
    [Id(2)] public ImmutableArray<long> TierMinted { get; init; } = [];

    /// <summary>Every mint in mint order (ordinal n at index n − 1), with claim-id and wallet lookups.</summary>
    [Id(3)] public ClaimBook Claims { get; init; } = ClaimBook.Empty;

    /// <summary>Which token numbers are held and which come next; the one place supply is accounted.</summary>
    [Id(4)] public TokenPool Pool { get; init; } = TokenPool.For(0);

    /// <summary>Ordinals of mints whose token went back to the drop: those claims hold nothing.</summary>
    [Id(5)] public ImmutableHashSet<long> Released { get; init; } = [];

    /// <summary>Signed receipt roots recorded in the drop's stream.</summary>
    [Id(6)] public SealedBatches Sealed { get; init; } = SealedBatches.None;

    /// <summary>Tokens reserved for venue nodes' offline vouchers (see <see cref="QuotaDecisions"/>).</summary>
    [Id(7)] public NodeQuotas Quotas { get; init; } = NodeQuotas.Empty;

    /// <summary>The fallback manifest and its switches; null when the drop has none.</summary>
    [Id(8)] public DropContingency? Contingency { get; init; }

    int ISnapshotPages.FullPages => DropSnapshotJson.FullPages(this);

    void ISnapshotPages.WritePage(int page, System.Text.Json.Utf8JsonWriter writer) => DropSnapshotJson.WritePage(this, page, writer);

    static DropState IPagedSnapshot<DropState>.FromPages(System.Text.Json.JsonElement head, IReadOnlyList<System.Text.Json.JsonElement> pages,
        System.Text.Json.JsonSerializerOptions json) => DropSnapshotJson.Restore(head, pages, json);

    /// <summary>Tokens held now (mints less releases).</summary>
    public long Minted => Pool.Held;

    public DropState Apply(DropEvent @event) => @event switch
    {
        DropCreated created => this with
        {
            Manifest = created,
            Phase = DropPhase.Draft,
            TierMinted = ImmutableArray.CreateRange(created.Tiers.Select(_ => 0L)),
            Pool = TokenPool.For(created.Supply),
        },
        DropOpened or DropResumed => this with { Phase = DropPhase.Open },
        DropPaused => this with { Phase = DropPhase.Paused },
        DropClosed => this with { Phase = DropPhase.Closed },
        TokenMinted minted => Mint(minted),
        TokenReleased released => Release(released),
        BatchSealed seal => this with { Sealed = Sealed.Add(seal, Claims.Count) },
        QuotaAllocated or QuotaReturned or VoucherRedeemed => this with { Quotas = Quotas.Apply(@event) },
        // Replacing the fallback keeps the switches: it is only allowed before the drop opens, when nothing was minted under it.
        ContingencySet set => this with { Contingency = Contingency is null ? DropContingency.Of(set) : Contingency with { Fallback = set } },
        ContingencyActivated on when Contingency is not null => this with
        {
            Contingency = Contingency with { Switches = Contingency.Switches.Add(new(on.DecisionId, true, on.By, on.Reason, on.NodeId, on.At, Claims.Count + 1)) },
        },
        ContingencyDeactivated off when Contingency is not null => this with
        {
            Contingency = Contingency with { Switches = Contingency.Switches.Add(new(off.DecisionId, false, off.By, off.Reason, null, off.At, Claims.Count + 1)) },
        },
        _ => this,
    };

    private DropState Mint(TokenMinted minted)
    {
        var tier = TierIndex(minted.Tier);
        return this with
        {
            Claims = Claims.Add(new MintedToken(minted.ClaimId, minted.Wallet, minted.Tier, minted.ClaimedAt, minted.TokenNumber)),
            Pool = Pool.Take(minted.TokenNumber),
            TierMinted = tier < 0 ? TierMinted : TierMinted.SetItem(tier, TierMinted[tier] + 1),
        };
    }

    private DropState Release(TokenReleased released)
    {
        if (!Claims.TryFind(released.ClaimId, out var ordinal) || Released.Contains(ordinal)) return this;
        var token = Claims[(int)ordinal - 1];
        var tier = TierIndex(token.Tier);
        return this with
        {
            Released = Released.Add(ordinal),
            Pool = Pool.GiveBack(token.TokenNumber),
            TierMinted = tier < 0 ? TierMinted : TierMinted.SetItem(tier, TierMinted[tier] - 1),
        };
    }

    /// <summary>Whether the mint with this ordinal still holds its token.</summary>
    public bool Holds(long ordinal) => Released.Count == 0 || !Released.Contains(ordinal);

    /// <summary>Tokens a wallet holds now, ignoring letter case.</summary>
    public int HeldBy(string wallet) => Claims.CountFor(wallet, Released);

    /// <summary>Index of a tier by name (case-insensitive), or −1.</summary>
    public int TierIndex(string? name)
    {
        if (name is null || Manifest is null) return -1;
        for (var i = 0; i < Manifest.Tiers.Count; i++)
            if (string.Equals(Manifest.Tiers[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The receipt of the mint with this ordinal (its place in mint order, see <see cref="ClaimBook.TryFind"/>).</summary>
    public ClaimReceipt Receipt(long ordinal)
    {
        var token = Claims[(int)(ordinal - 1)];
        return new ClaimReceipt(token.ClaimId, Manifest!.DropId, token.TokenNumber, token.Wallet, token.Tier, token.ClaimedAt, ManifestHashOf(ordinal));
    }

    /// <summary>The manifest hash the mint with this ordinal carries: the fallback's if it was minted under it.</summary>
    public string ManifestHashOf(long ordinal) =>
        Contingency is { } c && c.CoversMint(ordinal) ? c.Fallback.ManifestHash : Manifest!.ManifestHash;

    /// <summary>The ordinal of the mint that holds token <paramref name="tokenNumber"/> now (a released number may be re-issued), or null.</summary>
    public long? HolderOf(long tokenNumber)
    {
        for (var i = Claims.Count - 1; i >= 0; i--)
            if (Claims[i].TokenNumber == tokenNumber && Holds(i + 1)) return i + 1;
        return null;
    }

    /// <summary>The fallback's hash while new mints are under it (what their <see cref="TokenMinted.ManifestHash"/> says); null otherwise.</summary>
    public string? FallbackInForce => Contingency is { Active: true } c ? c.Fallback.ManifestHash : null;

    public DropStatus Status => Phase switch
    {
        DropPhase.Open when Pool.Available - Quotas.Reserved <= 0 => DropStatus.SoldOut,
        DropPhase.Open => DropStatus.Open,
        DropPhase.Paused => DropStatus.Paused,
        DropPhase.Closed => DropStatus.Closed,
        _ => DropStatus.Draft,
    };

    public DropSummary Summary(long version)
    {
        var m = Manifest!;
        var tiers = m.Tiers.Select((t, i) => new TierSummary(t.Name, t.Allocation, TierMinted[i])).ToList();
        return new DropSummary(m.DropId, m.Title, m.Creator, Status, m.Supply, Minted, Pool.Available - Quotas.Reserved,
            m.PerWalletLimit, m.StartsAt, m.EndsAt, tiers, m.ManifestHash, version, Sealed.Signer, Sealed.Through,
            Contingency?.Fallback.ManifestHash, Contingency?.Active ?? false);
    }
}

/// <summary>Where a drop is in its life; <see cref="None"/> means it was never created.</summary>
public enum DropPhase { None, Draft, Open, Paused, Closed }

[GenerateSerializer, Immutable]
public sealed record MintedToken(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] string? Tier,
    [property: Id(3)] DateTimeOffset ClaimedAt,
    [property: Id(4)] long TokenNumber);
