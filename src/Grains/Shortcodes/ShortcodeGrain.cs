using MicroEvents.EventSourcing;
using MicroEvents.Fulfilment.Events;

namespace MicroEvents.Fulfilment;

/// <summary>One shortcode's binding to its order, on stream <c>shortcode/{code}</c>: first order wins, for good.</summary>
public sealed class ShortcodeGrain(EventJournal journal, TimeProvider clock)
    : EventSourcedGrain<ShortcodeState, ShortcodeEvent>(journal, clock), IShortcodeGrain
{
    protected override string Kind => "shortcode";

    public Task<bool> Assign(string orderId) => Execute(s =>
        s.OrderId is null ? new Decision<bool, ShortcodeEvent>(true, [new ShortcodeAssigned(orderId, Clock.GetUtcNow())])
        : Decision<bool, ShortcodeEvent>.Unchanged(s.OrderId == orderId));

    public async Task<string?> Resolve() => (await Stored()).OrderId;
}

[GenerateSerializer, Immutable]
public sealed record ShortcodeState([property: Id(0)] string? OrderId) : IEventFold<ShortcodeState, ShortcodeEvent>
{
    public static ShortcodeState Initial => new((string?)null);

    public ShortcodeState Apply(ShortcodeEvent e) => e is ShortcodeAssigned a && OrderId is null ? new ShortcodeState(a.OrderId) : this;
}
