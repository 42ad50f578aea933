using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Rejections;
using MicroEvents.Skus;
using MicroEvents.Text;

namespace MicroEvents.Fulfilment;

public static class MerchDecisions
{
    public const int MaxSkus = 10;
    public const int MaxTiers = 50;

    public static Decision<bool, MerchEvent> Map(MerchState state, MerchMapping mapping, DateTimeOffset now)
    {
        var checks = new ClientText.Checks();
        Skus(checks, "skus", mapping.Skus ?? []);
        var tiers = mapping.Tiers ?? [];
        if (tiers.Count > MaxTiers) checks.Fail("tiers", $"must list at most {MaxTiers} tiers");
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i] is null) { checks.Fail($"tiers[{i}]", "is required"); continue; }
            if (string.IsNullOrWhiteSpace(tiers[i].Tier)) checks.Fail($"tiers[{i}].tier", "is required");
            else checks.Text($"tiers[{i}].tier", tiers[i].Tier, ClientText.MaxNameLength);
            Skus(checks, $"tiers[{i}].skus", tiers[i].Skus ?? []);
        }
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The merch mapping is invalid.", checks.Errors);

        var current = state.Mappings.LastOrDefault();
        if (current is not null && current.Skus.SequenceEqual(mapping.Skus!) && Same(current.Tiers, tiers)) return Decision<bool, MerchEvent>.Unchanged(false);
        return new(true, [new MerchMapped([.. mapping.Skus!], [.. tiers.Select(t => new TierMerch(t.Tier, [.. t.Skus]))], now)]);
    }

    public static Decision<bool, MerchEvent> Record(MerchState state, IReadOnlyList<long> ordered, IReadOnlyList<UnmappedToken> unmapped, DateTimeOffset now)
    {
        var newOrdered = ordered.Where(t => !state.Ordered.Contains(t)).Distinct().ToList();
        var newUnmapped = unmapped.Where(u => !state.Ordered.Contains(u.TokenNumber) && !ordered.Contains(u.TokenNumber)
            && state.Unmapped.GetValueOrDefault(u.TokenNumber) != u.Reason).ToList();
        return newOrdered.Count == 0 && newUnmapped.Count == 0
            ? Decision<bool, MerchEvent>.Unchanged(false)
            : new(true, [new MintsRecorded(newOrdered, newUnmapped, now)]);
    }

    private static void Skus(ClientText.Checks checks, string field, IReadOnlyList<string> skus)
    {
        if (skus.Count > MaxSkus) checks.Fail(field, $"must list at most {MaxSkus} SKUs");
        for (var i = 0; i < skus.Count; i++)
            if (!SkuId.IsValid(skus[i])) checks.Fail($"{field}[{i}]", SkuId.Rule);
        if (skus.Distinct().Count() != skus.Count) checks.Fail(field, "must be distinct");
    }

    private static bool Same(IReadOnlyList<TierMerch> a, IReadOnlyList<TierMerch> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Tier == p.Second.Tier && p.First.Skus.SequenceEqual(p.Second.Skus));
}
