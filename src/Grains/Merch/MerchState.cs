using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;

namespace MicroEvents.Fulfilment;

/// <summary>A drop's mapping history (a token carries the mapping in force when it was minted) and each token's outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record MerchState : IEventFold<MerchState, MerchEvent>
{
    public static MerchState Initial => new();

    [Id(0)] public ImmutableList<MerchMapped> Mappings { get; init; } = [];
    [Id(1)] public ImmutableHashSet<long> Ordered { get; init; } = [];
    [Id(2)] public ImmutableSortedDictionary<long, string> Unmapped { get; init; } = ImmutableSortedDictionary<long, string>.Empty;

    public MerchState Apply(MerchEvent e) => e switch
    {
        MerchMapped m => this with { Mappings = Mappings.Add(m) },
        MintsRecorded r => this with
        {
            Ordered = Ordered.Union(r.Ordered),
            Unmapped = Unmapped.RemoveRange(r.Ordered).SetItems(r.Unmapped.Where(u => !r.Ordered.Contains(u.TokenNumber) && !Ordered.Contains(u.TokenNumber))
                .Select(u => KeyValuePair.Create(u.TokenNumber, u.Reason))),
        },
        _ => this,
    };

    public IReadOnlyList<string> SkusFor(string? tier, DateTimeOffset mintedAt)
    {
        var mapping = Mappings.LastOrDefault(m => m.At <= mintedAt);
        if (mapping is null) return [];
        var own = tier is null ? null : mapping.Tiers.FirstOrDefault(t => string.Equals(t.Tier, tier, StringComparison.OrdinalIgnoreCase));
        return own?.Skus ?? mapping.Skus;
    }
}
