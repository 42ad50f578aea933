using System.Text.Json.Nodes;
using MicroEvents.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>Replay checks every event-sourced kind, not only drops: here venue nodes, venues and claims beside a drop.</summary>
[Trait(Category.Name, Category.Slow)]
public sealed class ReplayKindTests(VenueServer server) : IClassFixture<VenueServer>, IDisposable
{
    private readonly ReplayVerb _verb = new(server);

    [Fact]
    public async Task a_venue_nodes_altered_heartbeat_differs_naming_its_line_and_an_intact_export_of_every_kind_is_identical()
    {
        using var node = await TestNode.Register(server);
        await node.Heartbeat(rttMs: 40);
        await node.Heartbeat(rttMs: 90);
        var drop = await server.OpenDrop(supply: 10);
        await server.Allocate(node, drop, 3);
        var lines = await _verb.Export(new EventFilter());
        var kinds = lines.SkipLast(1).Select(l => JsonNode.Parse(l)!["kind"]!.GetValue<string>()).Distinct().ToList();
        kinds.Should().Contain(["node", "venue", "drop"]);

        var (exit, output) = await _verb.Replay(lines);
        exit.Should().Be(0, output);
        output.Should().Contain($"agrees      node/{node.Id} v").And.Contain($"agrees      venue/{node.Venue} v");

        // The data is written as PostgreSQL stores it (jsonb's spacing).
        var rtt = new System.Text.RegularExpressions.Regex("\"rttMs\":\\s*90");
        var index = lines.FindIndex(l => l.Contains($"\"stream\":\"node/{node.Id}\"") && rtt.IsMatch(l));
        index.Should().BeGreaterThan(0, string.Join('\n', lines));
        lines[index] = rtt.Replace(lines[index], "\"rttMs\": 9");
        (exit, output) = await _verb.Replay(lines);
        exit.Should().Be(1, output);
        output.Should().Contain($"line {index + 1}: differs: node/{node.Id} v").And.Contain("data.rttMs is 9 in the file but 90 stored")
            .And.Contain($"differs     node/{node.Id} v");
    }

    public void Dispose() => _verb.Dispose();
}
