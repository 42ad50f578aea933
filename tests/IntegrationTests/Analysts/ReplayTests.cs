using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.History;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Replay;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>The replay check: an exported file folded with the actors' own folds agrees with what the drops answer.</summary>
public class ReplayTests(GatewayServer server) : IClassFixture<GatewayServer>
{
    [Fact]
    public async Task a_full_export_replays_to_the_summaries_the_drops_answer()
    {
        var a = await Drop(claims: 40, tiers: [new TierAllocation("vip", 25)]);
        var b = await Drop(claims: 7);
        await server.Client.GetGrain<IDropGrain>(b).Pause();
        var export = await server.Http.GetStringAsync("/events?kind=drop");

        var report = await Check(export);

        report.AllAgree.Should().BeTrue(string.Join("\n", report.Streams.Select(s => $"{s.Stream}: {s.Outcome} {s.Detail}")));
        report.Streams.Where(s => s.Stream == $"drop/{a}" || s.Stream == $"drop/{b}").Should().HaveCount(2)
            .And.OnlyContain(s => s.Outcome == ReplayOutcome.Agrees);
        foreach (var id in new[] { a, b })
        {
            var answered = await server.Http.GetStringAsync($"/drops/{id}");
            var replayed = report.Streams.Single(s => s.Stream == $"drop/{id}");
            JsonDocument.Parse(answered).RootElement.GetProperty("version").GetInt64().Should().Be(replayed.Version);
        }
    }

    [Fact]
    public async Task a_tampered_mint_is_caught()
    {
        var id = await Drop(claims: 5);
        var export = await server.Http.GetStringAsync($"/events?stream=drop/{id}");
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        // The file claims the last event paused the drop, where the stored stream has a mint.
        lines[^1] = lines[^1].Replace("drop.token_minted.v1", "drop.paused.v1");

        var report = await Check(string.Join('\n', lines) + "\n");

        report.Streams.Single().Outcome.Should().Be(ReplayOutcome.Differs);
        report.AllAgree.Should().BeFalse();
    }

    [Fact]
    public async Task a_resumed_export_is_incomplete_rather_than_judged()
    {
        var id = await Drop(claims: 3);
        var all = await server.Http.GetStringAsync($"/events?stream=drop/{id}");
        var second = JsonDocument.Parse(all.Split('\n')[1]).RootElement.GetProperty("sequence").GetInt64();
        var tail = await server.Http.GetStringAsync($"/events?stream=drop/{id}&after={second}");

        var report = await Check(tail);

        report.Streams.Single().Should().BeEquivalentTo(new { Outcome = ReplayOutcome.Incomplete, Version = 5L });
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

    private Task<ReplayReport> Check(string ndjson) =>
        new ReplayCheck(server.Journal(), new StreamHistory(server.Store), ReplayCheck.AllKinds).Run(new StringReader(ndjson));

    private async Task<string> Drop(int claims, params TierAllocation[] tiers)
    {
        var id = Samples.NewId("replay");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, supply: claims + 5, tiers: tiers));
        await Task.WhenAll(Enumerable.Range(1, claims).Select(i =>
            drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), tiers.Length > 0 && i % 2 == 0 ? tiers[0].Name : null))));
        return id;
    }
}
