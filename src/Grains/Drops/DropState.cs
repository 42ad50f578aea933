using System.Collections.Immutable;
using System.Text.Json.Serialization;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.Drops;

/// <summary>
/// A drop as the fold of its events. Immutable and built from persistent collections, so the
/// tentative state Orleans derives after every batch shares almost everything with the confirmed one.
/// </summary>
[GenerateSerializer, Immutable, SnapshotVersion(2), JsonConverter(typeof(DropSnapshotJson))]
public sealed record DropState : IEventFold<DropState, DropEvent>
{
    /// <summary>A fresh empty drop on every call: each fold owns its claim ledger, never one shared by all drops.</summary>
    public static DropState Initial => new();

    /// <summary>The manifest; null until the drop is created.</summary>
    [Id(0)] public DropCreated? Manifest { get; init; }

    [Id(1)] public DropPhase Phase { get; init; }

    /// <summary>Minted per tier, in manifest order.</summary>
    [Id(2)] public ImmutableArray<long> TierMinted { get; init; } = [];

    /// <summary>Every mint, token number n at index n − 1, with claim-id and wallet lookups.</summary>
    [Id(3)] public ClaimBook Claims { get; init; } = ClaimBook.Empty;

    /// <summary>Tokens reserved for venue nodes' offline vouchers (see <see cref="QuotaDecisions"/>).</summary>
    [Id(4)] public NodeQuotas Quotas { get; init; } = NodeQuotas.Empty;

    public long Minted => Claims.Count;

    public DropState Apply(DropEvent @event) => @event switch
    {
        DropCreated created => this with
        {
            Manifest = created,
            Phase = DropPhase.Draft,
            TierMinted = ImmutableArray.CreateRange(created.Tiers.Select(_ => 0L)),
        },
        DropOpened or DropResumed => this with { Phase = DropPhase.Open },
        DropPaused => this with { Phase = DropPhase.Paused },
        DropClosed => this with { Phase = DropPhase.Closed },
        TokenMinted minted => Mint(minted),
        QuotaAllocated or QuotaReturned or VoucherRedeemed => this with { Quotas = Quotas.Apply(@event) },
        _ => this,
    };

    private DropState Mint(TokenMinted minted)
    {
        var tier = TierIndex(minted.Tier);
        return this with
        {
            Claims = Claims.Add(new MintedToken(minted.ClaimId, minted.Wallet, minted.Tier, minted.ClaimedAt)),
            TierMinted = tier < 0 ? TierMinted : TierMinted.SetItem(tier, TierMinted[tier] + 1),
        };
    }

    /// <summary>Index of a tier by name (case-insensitive), or −1.</summary>
    public int TierIndex(string? name)
    {
        if (name is null || Manifest is null) return -1;
        for (var i = 0; i < Manifest.Tiers.Count; i++)
            if (string.Equals(Manifest.Tiers[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public ClaimReceipt Receipt(long tokenNumber)
    {
        var token = Claims[(int)(tokenNumber - 1)];
        return new ClaimReceipt(token.ClaimId, Manifest!.DropId, tokenNumber, token.Wallet, token.Tier, token.ClaimedAt);
    }

    public DropStatus Status => Phase switch
    {
        DropPhase.Open when Minted + Quotas.Reserved >= Manifest!.Supply => DropStatus.SoldOut,
        DropPhase.Open => DropStatus.Open,
        DropPhase.Paused => DropStatus.Paused,
        DropPhase.Closed => DropStatus.Closed,
        _ => DropStatus.Draft,
    };

    public DropSummary Summary(long version)
    {
        var m = Manifest!;
        var tiers = m.Tiers.Select((t, i) => new TierSummary(t.Name, t.Allocation, TierMinted[i])).ToList();
        return new DropSummary(m.DropId, m.Title, m.Creator, Status, m.Supply, Minted, m.Supply - Minted - Quotas.Reserved,
            m.PerWalletLimit, m.StartsAt, m.EndsAt, tiers, m.ManifestHash, version);
    }
}

/// <summary>Where a drop is in its life; <see cref="None"/> means it was never created.</summary>
public enum DropPhase { None, Draft, Open, Paused, Closed }

[GenerateSerializer, Immutable]
public sealed record MintedToken(
    [property: Id(0)] string ClaimId,
    [property: Id(1)] string Wallet,
    [property: Id(2)] string? Tier,
    [property: Id(3)] DateTimeOffset ClaimedAt);
