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
/// Mints and sealed batches are paged (<see cref="EventSourcing.IPagedSnapshot{TSelf}"/>): every full page of
/// <see cref="MintsPerPage"/> mints or <see cref="SealsPerPage"/> seals is its own document, written once; the head
/// holds the rest. Both kinds share one numbering, in the order the pages filled (<see cref="Order"/>), so a new
/// page is always the next number and a full page never moves.
/// </summary>
public sealed class DropSnapshotJson : JsonConverter<DropState>
{
    /// <summary>
    /// Mints per snapshot page (~64 KB of JSON). Small, so the head stays small too: it holds up to a page of mints, and a
    /// head is rewritten (and its stored predecessor read back for the version check) at every snapshot.
    /// </summary>
    public const int MintsPerPage = 1_000;

    /// <summary>
    /// Sealed batches per snapshot page (~45 KB of JSON). A hot drop records a seal about every thousand mints, and the
    /// head held every one of them: 137 KB of a 229 KB head at 195,000 mints, rewritten at every snapshot (issue #30).
    /// </summary>
    public const int SealsPerPage = 64;

    private static readonly JsonSerializerOptions PageJson = new(JsonSerializerDefaults.Web);

    public override void Write(Utf8JsonWriter writer, DropState state, JsonSerializerOptions options)
    {
        var from = FullMintPages(state) * MintsPerPage;
        var sealedFrom = FullSealPages(state) * SealsPerPage;
        var tail = Mints(state, from, state.Claims.Count);
        var seals = state.Sealed.Batches.Count > sealedFrom ? Seals(state, sealedFrom, state.Sealed.Batches.Count) : null;
        var columns = new Columns(state.Manifest, state.Phase, tail.ClaimIds, tail.Wallets, tail.Holders, tail.Tiers, tail.ClaimedAtTicks,
            tail.TokenNumbers, state.Released.Count > 0 ? [.. state.Released.Order()] : null, state.Pool.Issued,
            state.Pool.ReturnedCount > 0 ? [.. state.Pool.Returned] : null, seals?.Seals,
            state.Quotas.ByNode.IsEmpty ? null : state.Quotas, state.Contingency, from, seals?.MintsBefore, sealedFrom);
        JsonSerializer.Serialize(writer, columns, options);
    }

    public static int FullPages(DropState state) => FullMintPages(state) + FullSealPages(state);

    private static int FullMintPages(DropState state) => state.Claims.Count / MintsPerPage;

    private static int FullSealPages(DropState state) => state.Sealed.Batches.Count / SealsPerPage;

    public static void WritePage(DropState state, int page, Utf8JsonWriter writer)
    {
        var order = Order(state);
        if ((uint)page >= (uint)order.Count) throw new ArgumentOutOfRangeException(nameof(page));
        var (seals, k) = order[page];
        if (seals) JsonSerializer.Serialize(writer, Seals(state, k * SealsPerPage, (k + 1) * SealsPerPage), PageJson);
        else JsonSerializer.Serialize(writer, Mints(state, k * MintsPerPage, (k + 1) * MintsPerPage), PageJson);
    }

    /// <summary>
    /// The full pages in the order they filled: seal page k right after the mint pages that were full when its last seal
    /// was recorded. Sealing lags the mints, so that is fixed once the page is full, and every later page, of either kind,
    /// fills later: it only ever adds a number at the end.
    /// </summary>
    private static List<(bool Seals, int Index)> Order(DropState state)
    {
        int mintPages = FullMintPages(state), sealPages = FullSealPages(state), m = 0, k = 0;
        var order = new List<(bool, int)>(mintPages + sealPages);
        while (m < mintPages || k < sealPages)
        {
            var filledAfter = k < sealPages ? state.Sealed.Batches[(k + 1) * SealsPerPage - 1].MintsBefore / MintsPerPage : long.MaxValue;
            if (m < mintPages && m < filledAfter) order.Add((false, m++));
            else order.Add((true, k++));
        }
        return order;
    }

    public override DropState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var c = JsonSerializer.Deserialize<Columns>(ref reader, options) ?? throw new JsonException("Empty drop snapshot.");
        if (c.PagedMints > 0 || c.PagedSeals > 0) throw new JsonException("A paged drop snapshot is read with its pages (SnapshotStore).");
        return Build(c, [], []);
    }

    /// <summary>The drop from its snapshot's head and pages; <see cref="JsonException"/> when they do not fit together.</summary>
    public static DropState Restore(JsonElement head, IReadOnlyList<JsonElement> pages, JsonSerializerOptions json)
    {
        var c = head.Deserialize<Columns>(json) ?? throw new JsonException("Empty drop snapshot.");
        var (mints, seals, kinds) = (new List<MintColumns>(), new List<SealColumns>(), new List<(bool, int)>(pages.Count));
        for (var k = 0; k < pages.Count; k++)
        {
            if (pages[k].ValueKind == JsonValueKind.Object && pages[k].TryGetProperty("seals", out _))
            {
                var page = pages[k].Deserialize<SealColumns>(PageJson) ?? throw new JsonException($"Page {k} is empty.");
                if (page.Seals.Length != SealsPerPage || page.MintsBefore.Length != SealsPerPage)
                    throw new JsonException($"Page {k} holds {page.Seals.Length} seals, not {SealsPerPage}.");
                kinds.Add((true, seals.Count));
                seals.Add(page);
            }
            else
            {
                var page = pages[k].Deserialize<MintColumns>(PageJson) ?? throw new JsonException($"Page {k} is empty.");
                if (page.ClaimIds.Length != MintsPerPage) throw new JsonException($"Page {k} holds {page.ClaimIds.Length} mints, not {MintsPerPage}.");
                kinds.Add((false, mints.Count));
                mints.Add(page);
            }
        }
        if (c.PagedMints != (long)mints.Count * MintsPerPage || c.PagedSeals != (long)seals.Count * SealsPerPage)
            throw new JsonException($"The head stands on {c.PagedMints} paged mints and {c.PagedSeals} seals; {mints.Count} and {seals.Count} pages were given.");
        var state = Build(c, mints, seals);
        if (!Order(state).SequenceEqual(kinds)) throw new JsonException("The pages are not in the order the drop filled them.");
        return state;
    }

    private static DropState Build(Columns c, IReadOnlyList<MintColumns> pages, IReadOnlyList<SealColumns> sealPages)
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
        var sealedBatches = SealedBatches.None;
        foreach (var page in sealPages.Append(c.SealTail))
            for (var i = 0; i < page.Seals.Length; i++)
                sealedBatches = sealedBatches.Add(page.Seals[i], page.MintsBefore[i]);
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

    // Seals from index from to index to, each with the drop's mints when it was recorded.
    private static SealColumns Seals(DropState state, int from, int to)
    {
        var batches = state.Sealed.Batches;
        var (seals, before) = (new BatchSealed[to - from], new long[to - from]);
        for (var i = from; i < to; i++) (seals[i - from], before[i - from]) = (batches[i].Seal, batches[i].MintsBefore);
        return new SealColumns(seals, before);
    }

    private sealed record MintColumns(string[] ClaimIds, string[] Wallets, int[] Holders, int[]? Tiers, long[] ClaimedAtTicks, long[]? TokenNumbers);

    private sealed record SealColumns(BatchSealed[] Seals, long[] MintsBefore);

    /// <summary>
    /// The head: everything but the paged mints and seals; its mint columns are the mints after <see cref="PagedMints"/>,
    /// its seals those after <see cref="PagedSeals"/>.
    /// </summary>
    private sealed record Columns(
        DropCreated? Manifest, DropPhase Phase, string[] ClaimIds, string[] Wallets, int[] Holders, int[]? Tiers, long[] ClaimedAtTicks,
        long[]? TokenNumbers, long[]? Released, long? Issued, long[]? Returned, BatchSealed[]? Seals, NodeQuotas? Quotas = null,
        DropContingency? Contingency = null, long PagedMints = 0, long[]? SealsMintsBefore = null, long PagedSeals = 0)
    {
        public MintColumns Tail => new(ClaimIds, Wallets, Holders, Tiers, ClaimedAtTicks, TokenNumbers);

        public SealColumns SealTail => Seals is null ? new([], []) :
            SealsMintsBefore?.Length == Seals.Length ? new(Seals, SealsMintsBefore) : throw new JsonException("The head's seals lack the mints each was recorded at.");
    }
}
