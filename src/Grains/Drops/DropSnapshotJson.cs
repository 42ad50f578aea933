using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using MicroEvents.Drops.Events;
using MicroEvents.Receipts.Events;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's snapshot in columns rather than one object per token: wallets are written once and
/// referenced by index, times as tick deltas. A 100,000-mint drop then snapshots to a few MB instead
/// of ~20, and reactivation rebuilds its indexes in one pass. Receipts come back identical.
/// Mints are paged (<see cref="EventSourcing.IPagedSnapshot{TSelf}"/>): every full page of
/// <see cref="MintsPerPage"/> mints is its own document, written once; the head holds the rest.
/// </summary>
public sealed class DropSnapshotJson : JsonConverter<DropState>
{
    /// <summary>
    /// Mints per snapshot page (~64 KB of JSON). Small, so the head stays small too: it holds up to a page of mints, and a
    /// head is rewritten (and its stored predecessor read back for the version check) at every snapshot.
    /// </summary>
    public const int MintsPerPage = 1_000;

    private static readonly JsonSerializerOptions PageJson = new(JsonSerializerDefaults.Web);

    public override void Write(Utf8JsonWriter writer, DropState state, JsonSerializerOptions options)
    {
        var from = FullPages(state) * MintsPerPage;
        var tail = Mints(state, from, state.Claims.Count);
        var columns = new Columns(state.Manifest, state.Phase, tail.ClaimIds, tail.Wallets, tail.Holders, tail.Tiers, tail.ClaimedAtTicks,
            tail.TokenNumbers, state.Released.Count > 0 ? [.. state.Released.Order()] : null, state.Pool.Issued,
            state.Pool.ReturnedCount > 0 ? [.. state.Pool.Returned] : null,
            state.Sealed.Batches.IsEmpty ? null : [.. state.Sealed.Batches.Select(b => b.Seal)],
            state.Quotas.ByNode.IsEmpty ? null : state.Quotas, state.Contingency, from);
        JsonSerializer.Serialize(writer, columns, options);
    }

    public static int FullPages(DropState state) => state.Claims.Count / MintsPerPage;

    public static void WritePage(DropState state, int page, Utf8JsonWriter writer)
    {
        if ((uint)page >= (uint)FullPages(state)) throw new ArgumentOutOfRangeException(nameof(page));
        JsonSerializer.Serialize(writer, Mints(state, page * MintsPerPage, (page + 1) * MintsPerPage), PageJson);
    }

    public override DropState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var c = JsonSerializer.Deserialize<Columns>(ref reader, options) ?? throw new JsonException("Empty drop snapshot.");
        if (c.PagedMints > 0) throw new JsonException("A paged drop snapshot is read with its pages (SnapshotStore).");
        return Build(c, []);
    }

    /// <summary>The drop from its snapshot's head and pages; <see cref="JsonException"/> when they do not fit together.</summary>
    public static DropState Restore(JsonElement head, IReadOnlyList<JsonElement> pages, JsonSerializerOptions json)
    {
        var c = head.Deserialize<Columns>(json) ?? throw new JsonException("Empty drop snapshot.");
        if (c.PagedMints != (long)pages.Count * MintsPerPage)
            throw new JsonException($"The head stands on {c.PagedMints} paged mints, {pages.Count} pages were given.");
        var mints = new MintColumns[pages.Count];
        for (var k = 0; k < pages.Count; k++)
        {
            mints[k] = pages[k].Deserialize<MintColumns>(PageJson) ?? throw new JsonException($"Page {k} is empty.");
            if (mints[k].ClaimIds.Length != MintsPerPage) throw new JsonException($"Page {k} holds {mints[k].ClaimIds.Length} mints, not {MintsPerPage}.");
        }
        return Build(c, mints);
    }

    private static DropState Build(Columns c, IReadOnlyList<MintColumns> pages)
    {
        var state = DropState.Initial;
        if (c.Manifest is not null) state = state.Apply(c.Manifest);

        var released = new HashSet<long>(c.Released ?? []);
        var tokens = new MintedToken[pages.Sum(p => p.ClaimIds.Length) + c.ClaimIds.Length];
        var tierMinted = new long[state.TierMinted.Length];
        var next = 0;
        foreach (var page in pages.Append(c.Tail))
        {
            var at = 0L;
            for (var i = 0; i < page.ClaimIds.Length; i++, next++)
            {
                at += page.ClaimedAtTicks[i];
                var tier = page.Tiers?[i] ?? -1;
                tokens[next] = new MintedToken(page.ClaimIds[i], page.Wallets[page.Holders[i]], tier >= 0 ? c.Manifest!.Tiers[tier].Name : null,
                    new DateTimeOffset(at, TimeSpan.Zero), page.TokenNumbers?[i] ?? next + 1);
                if (tier >= 0 && !released.Contains(next + 1)) tierMinted[tier]++;
            }
        }

        var returned = c.Returned ?? [];
        var sealedBatches = (c.Seals ?? []).Aggregate(SealedBatches.None, (s, seal) => s.Add(seal));
        return state with
        {
            Phase = c.Phase,
            Claims = ClaimBook.Of(tokens),
            TierMinted = ImmutableArray.Create(tierMinted),
            Released = [.. c.Released ?? []],
            Sealed = sealedBatches,
            Pool = state.Pool with { Issued = c.Issued ?? tokens.Length, Returned = ImmutableQueue.CreateRange(returned), ReturnedCount = returned.Length },
            Quotas = c.Quotas ?? NodeQuotas.Empty,
            Contingency = c.Contingency,
        };
    }

    // Mints from ordinal from + 1 to ordinal to, as columns: times are tick deltas from the first mint's (absolute) time,
    // token numbers are written only where one differs from its ordinal (a released number re-issued).
    private static MintColumns Mints(DropState state, int from, int to)
    {
        var n = to - from;
        var wallets = new Dictionary<string, int>(n); // sized once: a hot drop's wallets are mostly distinct
        var (claimIds, holders, tiers, ticks, numbers) = (new string[n], new int[n], new int[n], new long[n], new long[n]);
        var (previous, reissued, anyTier) = (0L, false, false);
        for (var i = 0; i < n; i++)
        {
            var token = state.Claims[from + i];
            claimIds[i] = token.ClaimId;
            numbers[i] = token.TokenNumber;
            reissued |= token.TokenNumber != from + i + 1;
            if (!wallets.TryGetValue(token.Wallet, out holders[i])) wallets[token.Wallet] = holders[i] = wallets.Count;
            tiers[i] = state.TierIndex(token.Tier);
            anyTier |= tiers[i] >= 0;
            ticks[i] = token.ClaimedAt.UtcTicks - previous;
            previous = token.ClaimedAt.UtcTicks;
        }
        return new MintColumns(claimIds, [.. wallets.Keys], holders, anyTier ? tiers : null, ticks, reissued ? numbers : null);
    }

    private sealed record MintColumns(string[] ClaimIds, string[] Wallets, int[] Holders, int[]? Tiers, long[] ClaimedAtTicks, long[]? TokenNumbers);

    /// <summary>The head: everything but the paged mints; its mint columns are the mints after <see cref="PagedMints"/>.</summary>
    private sealed record Columns(
        DropCreated? Manifest, DropPhase Phase, string[] ClaimIds, string[] Wallets, int[] Holders, int[]? Tiers, long[] ClaimedAtTicks,
        long[]? TokenNumbers, long[]? Released, long? Issued, long[]? Returned, BatchSealed[]? Seals, NodeQuotas? Quotas = null,
        DropContingency? Contingency = null, long PagedMints = 0)
    {
        public MintColumns Tail => new(ClaimIds, Wallets, Holders, Tiers, ClaimedAtTicks, TokenNumbers);
    }
}
