using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;
using Orleans.Concurrency;

namespace MicroEvents.Fulfilment;

/// <summary>
/// A drop's merch mapping on its own stream <c>merch/{dropId}</c>, beside the drop rather than in its
/// manifest: the drop's hot path and decisions stay as they are. Reentrant: the feed records outcomes in
/// batches while operators read.
/// </summary>
[Reentrant]
public sealed class MerchGrain(EventJournal journal, TimeProvider clock) : EventSourcedGrain<MerchState, MerchEvent>(journal, clock), IMerchGrain
{
    protected override string Kind => "merch";

    public async Task<MerchView> Map(MerchMapping mapping)
    {
        await Execute(s => MerchDecisions.Map(s, mapping, Clock.GetUtcNow()));
        return View(Confirmed);
    }

    public async Task<MerchView> GetMerch() => View(await Stored());

    public async Task<IReadOnlyList<string>> SkusFor(string? tier, DateTimeOffset mintedAt) => (await Stored()).SkusFor(tier, mintedAt);

    public Task Record(IReadOnlyList<long> ordered, IReadOnlyList<UnmappedToken> unmapped) =>
        Execute(s => MerchDecisions.Record(s, ordered, unmapped, Clock.GetUtcNow()));

    private MerchView View(MerchState s)
    {
        var last = s.Mappings.LastOrDefault();
        var shouldHave = s.Ordered.Count + s.Unmapped.Count;
        return new MerchView(this.GetPrimaryKeyString(), last is null ? null : new MerchMapping(last.Skus, last.Tiers), last?.At,
            s.Ordered.Count, shouldHave, shouldHave == 0 ? null : (double)s.Ordered.Count / shouldHave,
            s.Unmapped.Select(u => new UnmappedToken(u.Key, u.Value)).ToList());
    }
}
