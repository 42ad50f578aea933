using System.Text;
using JasperFx;
using Marten;
using Marten.Services;
using Weasel.Core;
using MicroEvents.Venues;
using MicroEvents.Venues.Events;

namespace MicroEvents.UnitTests.Venues;

/// <summary>One spelling of a node's status in events and the API (lower case), and events stored before still read.</summary>
public class NodeStatusSpellingTests
{
    // The event store's serializer, configured as the journal configures it.
    private static readonly Marten.Services.SystemTextJsonSerializer Events = new() { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };

    [Fact]
    public void a_new_status_change_is_stored_in_the_apis_spelling()
    {
        var json = Events.ToJson(new NodeStatusChanged(NodeStatus.Online, NodeStatus.Degraded, "heartbeat late by 16 s", DateTimeOffset.UnixEpoch));
        json.Should().Contain("\"from\":\"online\"").And.Contain("\"to\":\"degraded\"");
    }

    [Theory]
    [InlineData("Degraded", NodeStatus.Degraded)]
    [InlineData("Offline", NodeStatus.Offline)]
    [InlineData("degraded", NodeStatus.Degraded)]
    public void a_status_change_stored_in_either_spelling_reads_the_same(string stored, NodeStatus expected)
    {
        var json = $$"""{"from":"Online","to":"{{stored}}","reason":"late","at":"2026-06-01T18:00:00+00:00"}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        Events.FromJson<NodeStatusChanged>(stream).To.Should().Be(expected);
    }
}
