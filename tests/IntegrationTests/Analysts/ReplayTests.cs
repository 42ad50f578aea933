using System.Text.Json;
using System.Text.Json.Nodes;
using MicroEvents.Drops;
using MicroEvents.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Replay;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The replay check as an analyst runs it (<c>export</c>, then <c>replay FILE</c>): exit 0 only for a whole,
/// unaltered file; 1 naming the line when anything differs from the store; 2 naming the line when a line
/// does not read; 3 when an older file (no hash chain, no trailer) agrees but its tail cannot be verified.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public sealed class ReplayTests(GatewayServer server) : IClassFixture<GatewayServer>, IDisposable
{
    private readonly ReplayVerb _verb = new(server);

    [Fact]
    public async Task a_whole_export_of_the_export_verb_is_identical_and_exits_0()
    {
        var a = await Drop(claims: 40, tiers: [new TierAllocation("vip", 25)]);
        var b = await Drop(claims: 7);
        await server.Client.GetGrain<IDropGrain>(b).Pause();
        var lines = await _verb.Export(new EventFilter());
        JsonNode.Parse(lines[^1])!["trailer"]!.GetValue<string>().Should().Be(ExportTrailer.Format);

        var (exit, output) = await _verb.Replay(lines);

        exit.Should().Be(0, output);
        output.Should().Contain($"agrees      drop/{a} v42: replayed state = stored state")
            .And.Contain($"agrees      drop/{b} v10").And.Contain("hash chain intact, trailer matches");
    }

    [Fact]
    public async Task one_mints_wallet_altered_differs_naming_its_line()
    {
        var id = await Drop(claims: 5);
        var lines = await _verb.Export(new EventFilter { Stream = $"drop/{id}" });
        var stranger = Samples.Wallet(999);
        lines[3] = lines[3].Replace(Wallet(lines[3]), stranger); // line 4: the second mint, its hash left as it was

        var (exit, output) = await _verb.Replay(lines);

        exit.Should().Be(1, output);
        output.Should().Contain($"line 4: differs: drop/{id} v4 (drop.token_minted.v1").And.Contain($"data.wallet is \"{stranger}\" in the file")
            .And.Contain("line 4: differs: its hash does not match");
    }

    [Fact]
    public async Task an_http_export_with_chain_true_is_the_export_verbs_file_replays_with_0_and_an_altered_line_differs()
    {
        var id = await Drop(claims: 4);
        var lines = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}&chain=true"));
        lines.Should().Equal(await _verb.Export(new EventFilter { Stream = $"drop/{id}" }), "one writer: the same hash chain and trailer");
        JsonNode.Parse(lines[^1])!["trailer"]!.GetValue<string>().Should().Be(ExportTrailer.Format);

        var (exit, output) = await _verb.Replay(lines);
        exit.Should().Be(0, output);
        output.Should().Contain("hash chain intact, trailer matches");

        lines[3] = lines[3].Replace(Wallet(lines[3]), Samples.Wallet(997)); // line 4: the second mint
        (exit, output) = await _verb.Replay(lines);
        exit.Should().Be(1, output);
        output.Should().Contain($"line 4: differs: drop/{id} v4").And.Contain("line 4: differs: its hash does not match");

        // Without chain=true the lines are as they always were: no hash, no trailer, so older readers keep working.
        var plain = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}"));
        plain.Should().HaveCount(6).And.OnlyContain(l => JsonNode.Parse(l)!["hash"] == null && JsonNode.Parse(l)!["stream"] != null);
        (await server.Http.GetAsync($"/events?stream=drop/{id}&chain=yes")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task an_older_export_with_a_wallet_altered_differs_too()
    {
        var id = await Drop(claims: 5);
        var lines = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}"));
        lines[4] = lines[4].Replace(Wallet(lines[4]), Samples.Wallet(998));

        var (exit, output) = await _verb.Replay(lines);

        exit.Should().Be(1, output);
        output.Should().Contain($"line 5: differs: drop/{id} v5").And.Contain("data.wallet");
    }

    [Fact]
    public async Task a_lines_sequence_or_timestamp_changed_differs_naming_the_line()
    {
        var id = await Drop(claims: 4);
        var lines = await _verb.Export(new EventFilter { Stream = $"drop/{id}" });
        var sequence = JsonNode.Parse(lines[2])!["sequence"]!.GetValue<long>();
        lines[2] = lines[2].Replace($"\"sequence\":{sequence},", $"\"sequence\":{sequence + 1_000_000},");
        var stamp = JsonNode.Parse(lines[4])!["timestamp"]!.GetValue<string>();
        var earlier = DateTimeOffset.Parse(stamp).AddSeconds(-30).ToString("O");
        lines[4] = lines[4].Replace(stamp, earlier);

        var (exit, output) = await _verb.Replay(lines);

        exit.Should().Be(1, output);
        output.Should().Contain($"line 3: differs: drop/{id} v3").And.Contain($"no stored event has sequence {sequence + 1_000_000}")
            .And.Contain($"line 5: differs: drop/{id} v5").And.Contain($"timestamp is {earlier}");
    }

    [Fact]
    public async Task a_truncated_last_line_is_unreadable_naming_the_line()
    {
        var id = await Drop(claims: 3);
        var older = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}"));
        older[^1] = older[^1][..(older[^1].Length / 2)];

        var (exit, output) = await _verb.Replay(older);

        exit.Should().Be(2, output);
        output.Should().Contain("line 5: unreadable: not a complete JSON line").And.NotContain("Unhandled exception");

        var chained = await _verb.Export(new EventFilter { Stream = $"drop/{id}" });
        var cut = string.Concat(chained.Select(l => l + "\n"));
        (exit, output) = await _verb.ReplayText(cut[..^20]);
        exit.Should().Be(2, output);
        output.Should().Contain("line 6: unreadable");
    }

    [Fact]
    public async Task a_missing_tail_or_a_removed_line_is_detected()
    {
        var id = await Drop(claims: 5);
        var lines = await _verb.Export(new EventFilter { Stream = $"drop/{id}" });

        var (exit, output) = await _verb.Replay(lines[..^3]); // the last two events and the trailer
        exit.Should().Be(1, output);
        output.Should().Contain("line 5: differs: the file ends after line 5 without its trailer: its tail is missing");

        (exit, output) = await _verb.Replay(lines.Where((_, i) => i != 5)); // the last event, trailer kept
        exit.Should().Be(1, output);
        output.Should().Contain("line 7: differs: the trailer counts 7 events but the file holds 6");

        (exit, output) = await _verb.Replay(lines.Where((_, i) => i != 2)); // a mint in the middle
        exit.Should().Be(1, output);
        output.Should().Contain("line 3: differs: its hash does not match");
    }

    [Fact]
    public async Task an_older_export_that_agrees_is_unverifiable_not_identical()
    {
        var id = await Drop(claims: 3);
        var lines = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}"));

        var (exit, output) = await _verb.Replay(lines);

        exit.Should().Be(3, output);
        output.Should().Contain($"agrees      drop/{id} v5").And.Contain("unverifiable tail: older format");
    }

    [Fact]
    public async Task a_resumed_export_is_compared_event_by_event_but_not_as_a_state()
    {
        var id = await Drop(claims: 3);
        var all = Lines(await server.Http.GetStringAsync($"/events?stream=drop/{id}"));
        var second = JsonDocument.Parse(all[1]).RootElement.GetProperty("sequence").GetInt64();

        var report = await Check(await server.Http.GetStringAsync($"/events?stream=drop/{id}&after={second}"));

        report.Streams.Single().Should().BeEquivalentTo(new { Outcome = ReplayOutcome.Incomplete, Version = 5L });
        report.Findings.Should().BeEmpty();
    }

    [Fact]
    public async Task a_drop_that_moved_on_after_the_export_is_compared_at_the_exported_version()
    {
        var id = await Drop(claims: 3);
        var export = await server.Http.GetStringAsync($"/events?stream=drop/{id}");
        await server.Client.GetGrain<IDropGrain>(id).Claim(new ClaimToken("late", Samples.Wallet(500), null));

        var verdict = (await Check(export)).Streams.Single();

        verdict.Outcome.Should().Be(ReplayOutcome.Agrees);
        verdict.Detail.Should().Contain("moved on to v6");
    }

    [Fact]
    public void every_event_sourced_kind_of_the_catalogue_has_a_replay()
    {
        var kinds = MicroEvents.Catalogue.EventCatalogue.Entries().Select(e => e.Kind).Distinct();
        ReplayKinds.All(server.Store).Select(k => k.Kind).Should().BeEquivalentTo(kinds);
    }

    private Task<ReplayReport> Check(string ndjson) => new ReplayCheck(server.Store, server.Journal()).Run(new StringReader(ndjson));

    private static List<string> Lines(string ndjson) => ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Wallet(string line) => JsonNode.Parse(line)!["data"]!["wallet"]!.GetValue<string>();

    private async Task<string> Drop(int claims, params TierAllocation[] tiers)
    {
        var id = Samples.NewId("replay");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: claims + 5, tiers: tiers));
        // One after another, so line n is the (n - 2)th mint.
        for (var i = 1; i <= claims; i++)
            await drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), tiers.Length > 0 && i % 2 == 0 ? tiers[0].Name : null));
        return id;
    }

    public void Dispose() => _verb.Dispose();
}
