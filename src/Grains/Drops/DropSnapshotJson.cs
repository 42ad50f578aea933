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
/// </summary>
public sealed class DropSnapshotJson : JsonConverter<DropState>
{
    public override void Write(Utf8JsonWriter writer, DropState state, JsonSerializerOptions options)
    {
        var n = state.Claims.Count;
        var wallets = new Dictionary<string, int>(n); // sized once: a hot drop's wallets are mostly distinct
        var (claimIds, holders, tiers, ticks, numbers) = (new string[n], new int[n], new int[n], new long[n], new long[n]);
        var (i, previous, reissued) = (0, 0L, false);
        foreach (var token in state.Claims.Tokens())
        {
            claimIds[i] = token.ClaimId;
            numbers[i] = token.TokenNumber;
            reissued |= token.TokenNumber != i + 1;
            if (!wallets.TryGetValue(token.Wallet, out holders[i])) wallets[token.Wallet] = holders[i] = wallets.Count;
            tiers[i] = state.TierIndex(token.Tier);
            ticks[i] = token.ClaimedAt.UtcTicks - previous;
            previous = token.ClaimedAt.UtcTicks;
            i++;
        }
        // Token numbers equal ordinals until a release: the column is only written when they differ.
        var columns = new Columns(state.Manifest, state.Phase, claimIds, [.. wallets.Keys], holders,
            tiers.Any(t => t >= 0) ? tiers : null, ticks, reissued ? numbers : null,
            state.Released.Count > 0 ? [.. state.Released.Order()] : null, state.Pool.Issued,
            state.Pool.ReturnedCount > 0 ? [.. state.Pool.Returned] : null,
            state.Sealed.Batches.IsEmpty ? null : [.. state.Sealed.Batches.Select(b => b.Seal)],
            state.Quotas.ByNode.IsEmpty ? null : state.Quotas, state.Contingency);
        JsonSerializer.Serialize(writer, columns, options);
    }

    public override DropState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var c = JsonSerializer.Deserialize<Columns>(ref reader, options) ?? throw new JsonException("Empty drop snapshot.");
        var state = DropState.Initial;
        if (c.Manifest is not null) state = state.Apply(c.Manifest);

        var n = c.ClaimIds.Length;
        var tokens = new MintedToken[n];
        var tierMinted = new long[state.TierMinted.Length];
        var at = 0L;
        for (var i = 0; i < n; i++)
        {
            at += c.ClaimedAtTicks[i];
            var tier = c.Tiers?[i] ?? -1;
            var wallet = c.Wallets[c.Holders[i]];
            tokens[i] = new MintedToken(c.ClaimIds[i], wallet, tier >= 0 ? c.Manifest!.Tiers[tier].Name : null, new DateTimeOffset(at, TimeSpan.Zero),
                c.TokenNumbers?[i] ?? i + 1);
            if (tier >= 0 && !(c.Released?.Contains(i + 1) ?? false)) tierMinted[tier]++;
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
            Pool = state.Pool with { Issued = c.Issued ?? n, Returned = ImmutableQueue.CreateRange(returned), ReturnedCount = returned.Length },
            Quotas = c.Quotas ?? NodeQuotas.Empty,
            Contingency = c.Contingency,
        };
    }

    private sealed record Columns(
        DropCreated? Manifest, DropPhase Phase, string[] ClaimIds, string[] Wallets, int[] Holders, int[]? Tiers, long[] ClaimedAtTicks,
        long[]? TokenNumbers, long[]? Released, long? Issued, long[]? Returned, BatchSealed[]? Seals, NodeQuotas? Quotas = null,
        DropContingency? Contingency = null);
}
