using Marten;
using MicroEvents.Events;

namespace MicroEvents.Feeds;

/// <summary>The event types a feed wants, by their stored aliases, and how a stored row becomes a <see cref="FeedEvent"/>.</summary>
internal sealed class FeedTypes
{
    private readonly Dictionary<string, Type> _byAlias;
    private readonly Marten.ISerializer _serializer;
    private readonly HashSet<Type> _wanted;

    public FeedTypes(IDocumentStore store, IReadOnlyCollection<Type> types)
    {
        var events = ((DocumentStore)store).Events;
        _byAlias = types.ToDictionary(t => events.EventMappingFor(t).EventTypeName);
        _serializer = store.Options.Serializer();
        Aliases = _byAlias.Keys.ToList();
        _wanted = types.ToHashSet();
    }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Whether the feed wants this event (an event from memory, not read by alias).</summary>
    public bool Wants(object data) => _wanted.Contains(data.GetType());

    public FeedEvent Read(ExportedEvent stored)
    {
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored.DataJson));
        var data = _serializer.FromJson(_byAlias[stored.Alias], json);
        return new FeedEvent(stored.Sequence, stored.Stream, stored.Version, stored.Timestamp, data);
    }
}
