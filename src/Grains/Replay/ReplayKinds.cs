using Marten;
using MicroEvents.Catalogue;
using MicroEvents.EventSourcing;

namespace MicroEvents.Replay;

/// <summary>
/// Every event-sourced kind, found from the event catalogue rather than a list kept by hand: the aliases
/// of a kind (<c>drop.…</c>) share one base event type, and the fold is the state that implements
/// <see cref="IEventFold{TSelf,TEvent}"/> for it.
/// </summary>
public static class ReplayKinds
{
    public static IReadOnlyList<IKindReplay> All(IDocumentStore store)
    {
        var serializer = store.Options.Serializer();
        var folds = typeof(IEventFold<,>).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEventFold<,>) && i.GetGenericArguments()[0] == t)
                .Select(i => (State: t, Event: i.GetGenericArguments()[1])))
            .ToDictionary(f => f.Event, f => f.State);
        var kinds = new List<IKindReplay>();
        foreach (var kind in JournalStore.EventAliases().GroupBy(a => EventCatalogue.KindOf(a.Alias)))
        {
            var roots = kind.Select(a => Root(a.Type)).Distinct().ToList();
            if (roots is not [var root] || !folds.TryGetValue(root, out var state)) continue;
            var events = kind.ToDictionary(a => a.Alias, a => a.Type);
            kinds.Add((IKindReplay)Activator.CreateInstance(typeof(FoldReplay<,>).MakeGenericType(state, root), kind.Key, events, serializer)!);
        }
        return kinds;
    }

    /// <summary>The kind's base event type: <c>DropEvent</c> for <c>TokenMinted</c> and <c>BatchSealed</c>.</summary>
    private static Type Root(Type type)
    {
        while (type.BaseType is { } parent && parent != typeof(object)) type = parent;
        return type;
    }
}
