using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>Projections kept by Marten's async daemon over the journal's own event rows, read and rebuilt over HTTP.</summary>
[Collection(ProjectionCollection.Name)]
public class ProjectionTests(ProjectionServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task a_projection_catches_up_within_two_seconds_of_the_last_claim_under_load()
    {
        await server.DaemonRunning();
        var drops = Enumerable.Range(0, 4).Select(_ => Samples.NewId("load")).ToList();
        foreach (var id in drops) await server.Client.OpenDrop(Samples.Drop(id, supply: 1_000));

        // 4,000 concurrent claims over four drops: many group commits while the daemon follows.
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(drops.SelectMany((id, d) => Enumerable.Range(1, 1_000).Select(i =>
            server.Client.GetGrain<IDropGrain>(id).Claim(new ClaimToken($"c-{i}", Samples.Wallet(d * 10_000 + i), null)))));
        var load = watch.Elapsed;
        watch.Restart();
        await Eventually.True(async () =>
        {
            foreach (var id in drops)
                if ((await Timeline(server.Http, id)).GetProperty("claims").GetInt64() != 1_000) return false;
            return true;
        }, TimeSpan.FromSeconds(10), "the timeline counts every claim");
        output.WriteLine($"4,000 claims in {load.TotalSeconds:0.00} s; the timeline had all of them {watch.ElapsedMilliseconds} ms after the last answer");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the daemon wakes on the journal's commits instead of waiting out gaps or polls");
    }

    [Fact]
    public async Task the_timeline_counts_claims_per_minute_and_tier_and_the_leaderboard_counts_distinct_wallets_per_creator()
    {
        await server.DaemonRunning();
        var creator = new CreatorWallet(server);
        var first = Samples.NewId("tl");
        var second = Samples.NewId("tl");
        await server.Client.OpenDrop(Samples.Drop(first, 10, null, null, null, new TierAllocation("gold", 2)) with { Creator = creator.Address });
        await server.Client.OpenDrop(Samples.Drop(second, 10) with { Creator = creator.Address });

        server.Clock.Set(new DateTimeOffset(2026, 6, 1, 12, 0, 10, TimeSpan.Zero));
        await Claim(first, "a", 1, "gold");
        await Claim(first, "b", 2, null);
        server.Clock.Set(new DateTimeOffset(2026, 6, 1, 12, 1, 30, TimeSpan.Zero));
        await Claim(first, "c", 3, "gold");
        await Claim(second, "a", 1, null);   // the same wallet in another of the creator's drops: one wallet

        await server.ReadersCaughtUp();
        (await Timeline(server.Http, first)).GetProperty("claims").GetInt64().Should().Be(3);
        (await Timeline(server.Http, second)).GetProperty("claims").GetInt64().Should().Be(1);
        var timeline = await Timeline(server.NewClient(await creator.SignIn()), first);

        timeline.GetProperty("minutes").EnumerateArray().Select(m => (m.GetProperty("minute").GetDateTimeOffset(), m.GetProperty("claims").GetInt64()))
            .Should().Equal((new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), 2L), (new DateTimeOffset(2026, 6, 1, 12, 1, 0, TimeSpan.Zero), 1L));
        timeline.GetProperty("tiers").EnumerateArray().Select(t => (t.GetProperty("tier").GetString(), t.GetProperty("claims").GetInt64()))
            .Should().BeEquivalentTo([((string?)null, 1L), ("gold", 2L)]);

        var board = await server.Http.GetFromJson("/creators/leaderboard?limit=1000");
        var standing = board.GetProperty("creators").EnumerateArray().Single(c => c.GetProperty("creator").GetString() == creator.Address);
        standing.GetProperty("wallets").GetInt64().Should().Be(3, "wallets 1, 2 and 3; wallet 1 claimed in both drops");
        standing.GetProperty("drops").GetInt64().Should().Be(2);
        standing.GetProperty("tokens").GetInt64().Should().Be(4);
    }

    [Fact]
    public async Task a_rebuild_gives_the_live_result_and_other_roles_may_not_start_one()
    {
        await server.DaemonRunning();
        var id = Samples.NewId("rb");
        var drop = await server.Client.OpenDrop(Samples.Drop(id, 300, null, null, null, new TierAllocation("vip", 60)));
        await Task.WhenAll(Enumerable.Range(1, 300).Select(i => drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), i % 5 == 0 ? "vip" : null))));
        await server.ReadersCaughtUp();
        (await Timeline(server.Http, id)).GetProperty("claims").GetInt64().Should().Be(300);
        var liveTimeline = Without(await Timeline(server.Http, id), "position");
        var liveBoard = Without(await server.Http.GetFromJson("/creators/leaderboard?limit=1000"), "position");

        foreach (var name in ProjectionCatalogue.Names)
        {
            var rebuilt = await server.Http.PostAsync($"/projections/{name}/rebuild", null);
            rebuilt.StatusCode.Should().Be(HttpStatusCode.OK, await rebuilt.Content.ReadAsStringAsync());
        }

        Without(await Timeline(server.Http, id), "position").Should().Be(liveTimeline);
        Without(await server.Http.GetFromJson("/creators/leaderboard?limit=1000"), "position").Should().Be(liveBoard);
        var both = await Task.WhenAll(server.Http.PostAsync("/projections/drop-timeline/rebuild", null), server.Http.PostAsync("/projections/drop-timeline/rebuild", null));
        both.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], "two rebuilds of one projection at once: one runs, the other is told so");
        (await both.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadAsStringAsync()).Should().Contain("rebuild-running");
        var analyst = server.NewClient(await server.NewKey(AccessRole.Analyst, "rebuild"));
        (await analyst.PostAsync("/projections/drop-timeline/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Http.PostAsync("/projections/no-such/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var status = await server.Http.GetFromJson("/projections");
        status.EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo(ProjectionCatalogue.Names);
    }

    [Fact]
    public async Task the_rebuild_verb_leaves_a_running_daemon_alone_and_names_the_endpoint()
    {
        await server.DaemonRunning();
        await using var verb = ServiceProcess.Start("MicroEvents.Silo.dll", ["rebuild", "drop-timeline", "--connection-string", await TestPostgres.ConnectionString],
            new Dictionary<string, string> { ["Journal__Schema"] = server.Schema });

        (await verb.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(3, verb.Output);
        verb.Output.Should().Contain("POST /projections/drop-timeline/rebuild");
        await using var unknown = ServiceProcess.Start("MicroEvents.Silo.dll", ["rebuild", "no-such", "--connection-string", await TestPostgres.ConnectionString]);
        (await unknown.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(2, unknown.Output);
    }

    private Task Claim(string drop, string claimId, int wallet, string? tier) =>
        server.Client.GetGrain<IDropGrain>(drop).Claim(new ClaimToken(claimId, Samples.Wallet(wallet), tier));

    private static Task<JsonElement> Timeline(HttpClient http, string drop) => http.GetFromJson($"/drops/{drop}/timeline");

    private static string Without(JsonElement json, string property) =>
        JsonSerializer.Serialize(json.EnumerateObject().Where(p => p.Name != property).ToDictionary(p => p.Name, p => p.Value));
}

internal static class JsonReads
{
    public static async Task<JsonElement> GetFromJson(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
