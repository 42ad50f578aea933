using System.Net;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Drops;
using MicroEvents.Fulfilment;
using MicroEvents.IntegrationTests.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using MicroEvents.Partner;
using MicroEvents.Projections;
using MicroEvents.Venues;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The venue-nodes and fulfilment-funnel projections and the drop timeline's per-node counts, fed by what
/// nodes, claimants, operators and the partner do over HTTP, read over HTTP, and rebuilt to the same answer.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class OperationsProjectionTests(OperationsServer server) : IClassFixture<OperationsServer>
{
    private static readonly TimeSpan Follow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task node_and_venue_stats_and_the_timeline_per_node_follow_heartbeats_keys_quota_and_vouchers()
    {
        await server.DaemonRunning();
        var (drop, node, other) = await VenueActivity();

        var stats = await Until(() => Json($"/nodes/{node.Id}/stats"),
            s => s.GetProperty("quota").GetProperty("returned").GetInt64() == 1 && s.GetProperty("keyRevocations").GetInt64() == 1, Follow, "the node's stats follow");
        stats.GetProperty("venue").GetString().Should().Be(node.Venue);
        stats.GetProperty("status").GetString().Should().Be("degraded", "the last heartbeat's 400 ms is over the 250 ms target");
        stats.GetProperty("statusChanges").GetInt64().Should().Be(2, "offline → online → degraded");
        stats.GetProperty("heartbeats").GetInt64().Should().Be(3);
        stats.GetProperty("lastRttMs").GetInt32().Should().Be(400);
        stats.GetProperty("meanRttMs").GetDouble().Should().BeApproximately(166.7, 0.05);
        stats.GetProperty("keyRotations").GetInt64().Should().Be(1);
        var vouchers = stats.GetProperty("vouchers");
        (vouchers.GetProperty("issued").GetInt64(), vouchers.GetProperty("uploaded").GetInt64(), vouchers.GetProperty("accepted").GetInt64(),
            vouchers.GetProperty("rejected").GetInt64(), vouchers.GetProperty("compensations").GetInt64()).Should().Be((4L, 5L, 3L, 2L, 1L));
        Counts(vouchers.GetProperty("rejectedByReason")).Should().BeEquivalentTo(new Dictionary<string, long> { ["bad-signature"] = 1, ["duplicate-sequence"] = 1 });
        stats.GetProperty("quota").GetProperty("allocated").GetInt64().Should().Be(4);
        stats.GetProperty("drops").EnumerateArray().Single().GetProperty("dropId").GetString().Should().Be(drop);

        var venue = await Json($"/venues/{node.Venue}/stats");
        Counts(venue.GetProperty("nodesByStatus")).Should().BeEquivalentTo(new Dictionary<string, long> { ["degraded"] = 1, ["online"] = 1 });
        venue.GetProperty("heartbeats").GetInt64().Should().Be(4);
        venue.GetProperty("meanRttMs").GetDouble().Should().Be(150, "(40 + 60 + 400 + 100) / 4");
        venue.GetProperty("vouchers").GetProperty("accepted").GetInt64().Should().Be(3);
        venue.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()).Should().BeEquivalentTo([node.Id, other.Id]);

        var timeline = await Until(() => Json($"/drops/{drop}/timeline"), t => t.GetProperty("claims").GetInt64() == 5, Follow, "the timeline follows");
        timeline.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("node").GetString(), n.GetProperty("channel").GetString(), n.GetProperty("claims").GetInt64()))
            .Should().BeEquivalentTo([((string?)null, "online", 2L), (node.Id, "voucher", 3L)]);
        timeline.GetProperty("refusals").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt64()))
            .Should().BeEquivalentTo([("bad-signature", 1L), ("duplicate-sequence", 1L)]);

        var creator = server.NewClient(await new CreatorWallet(server).SignIn());
        (await creator.GetAsync($"/nodes/{node.Id}/stats")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "node stats are for operators and analysts");
        var analyst = server.NewClient(await server.NewKey(AccessRole.Analyst, "node stats"));
        (await analyst.GetAsync($"/venues/{node.Venue}/stats")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await server.Http.GetAsync("/nodes/no-such-node/stats")).Problem()).GetProperty("type").GetString().Should().Be("/problems/node-not-found");
        (await (await server.Http.GetAsync("/venues/no-such-venue/stats")).Problem()).GetProperty("type").GetString().Should().Be("/problems/venue-not-found");
        (await server.Http.GetAsync("/nodes/NOT_A_NODE/stats")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_funnel_counts_each_stage_once_per_token_from_mint_to_return_and_dead_letter()
    {
        await server.DaemonRunning();
        var (merch, delivered, deadLettered) = await FulfilmentActivity();

        var funnel = await Until(() => Stages(merch.DropId), s => s["returned"] == 1 && s["dead-lettered"] == 1, Settle, "the funnel follows");
        funnel.Should().Contain(new Dictionary<string, long>
        {
            ["merch-minted"] = 5, ["ordered"] = 4, ["unmapped"] = 1, ["details-given"] = 2, ["cancelled"] = 0, ["sent-to-partner"] = 1,
            ["dead-lettered"] = 1, ["accepted"] = 1, ["shipped"] = 1, ["delivered"] = 1, ["return-requested"] = 1, ["returned"] = 1,
        });
        var stages = (await Json($"/drops/{merch.DropId}/fulfilment/funnel")).GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("stage").GetString()).Should().StartWith(["merch-minted", "ordered"]);
        var ordered = stages.Single(s => s.GetProperty("stage").GetString() == "ordered");
        (ordered.GetProperty("of").GetString(), ordered.GetProperty("conversion").GetDouble()).Should().Be(("merch-minted", 0.8));
        var details = stages.Single(s => s.GetProperty("stage").GetString() == "details-given");
        details.GetProperty("conversion").GetDouble().Should().Be(0.5, "two of four orders got details");
        stages.Single(s => s.GetProperty("stage").GetString() == "merch-minted").GetProperty("conversion").ValueKind.Should().Be(JsonValueKind.Null);
        (delivered, deadLettered).Should().NotBe((0L, 0L));

        var other = server.NewClient(await new CreatorWallet(server).SignIn());
        (await other.GetAsync($"/drops/{merch.DropId}/fulfilment/funnel")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "another creator's drop");
        (await server.Http.GetAsync("/drops/NOT A DROP/fulfilment/funnel")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task rebuilding_the_timeline_node_stats_and_funnel_gives_the_live_answers()
    {
        await server.DaemonRunning();
        var (drop, node, _) = await VenueActivity();
        var (merch, _, _) = await FulfilmentActivity();
        var routes = new[] { $"/drops/{drop}/timeline", $"/nodes/{node.Id}/stats", $"/venues/{node.Venue}/stats", $"/drops/{merch.DropId}/fulfilment/funnel", $"/drops/{merch.DropId}/timeline" };
        await Eventually.True(async () =>
        {
            var status = await Json("/projections");
            return status.EnumerateArray().All(p => p.GetProperty("position").GetInt64() == p.GetProperty("highestSequence").GetInt64());
        }, Settle, "every projection has read every event");
        var live = new List<string>();
        foreach (var route in routes) live.Add(WithoutPositions(await Json(route)));

        foreach (var name in new[] { DropTimelineProjection.ProjectionName, VenueNodeStatsProjection.ProjectionName, FulfilmentFunnelProjection.ProjectionName })
        {
            var rebuilt = await server.Http.PostAsync($"/projections/{name}/rebuild", null);
            rebuilt.StatusCode.Should().Be(HttpStatusCode.OK, await rebuilt.Content.ReadAsStringAsync());
        }

        var again = new List<string>();
        foreach (var route in routes) again.Add(WithoutPositions(await Json(route)));
        again.Should().Equal(live);
        live[1].Should().Contain("\"heartbeats\":3", "the live answers were not empty");
    }

    [Fact]
    public async Task metrics_have_heartbeat_round_trips_and_mapping_results()
    {
        using var node = await TestNode.Register(server);
        await node.Heartbeat(rttMs: 120);
        var merch = await MerchDrop.Create(server, supply: 3, stockPerVariant: 1, prefix: "metrics");
        await merch.Claim(3);
        await server.ReadersCaughtUp(Settle);
        (await merch.Merch()).ShouldHave.Should().Be(3, "every mint is mapped or listed unmapped");

        var text = await server.Http.GetStringAsync("/metrics");

        Series(text, "microevents_venue_heartbeat_rtt_seconds_bucket{").Should().NotBeEmpty();
        Series(text, "microevents_venue_heartbeat_rtt_seconds_count").Should().Contain(l => !l.EndsWith(" 0"));
        Series(text, "microevents_fulfilment_mappings_total{").Should().Contain(l => l.Contains("result=\"mapped\""))
            .And.Contain(l => l.Contains("result=\"unmapped\"") && l.Contains("reason=\"out-of-stock\""));
    }

    /// <summary>
    /// A drop with 2 online claims; a node with 3 heartbeats (40, 60, 400 ms), a quota of 4, 5 vouchers uploaded (3 redeemed,
    /// a second use of sequence 2, one signed by a stranger's key), its key rotated and the old one revoked, 1 token returned;
    /// a second node of the same venue with one heartbeat of 100 ms.
    /// </summary>
    private async Task<(string Drop, TestNode Node, TestNode Other)> VenueActivity()
    {
        var drop = Samples.NewId("node-drop");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, 20))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var node = await TestNode.Register(server);
        var other = await TestNode.Register(server, node.Venue);
        await node.Heartbeat(rttMs: 40);
        await node.Heartbeat(rttMs: 60);
        await node.Heartbeat(rttMs: 400);
        await other.Heartbeat(rttMs: 100);
        (await server.Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(drop, 4, Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();
        for (var i = 1; i <= 2; i++)
            (await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = $"online-{i}", wallet = Samples.Wallet(i) })).EnsureSuccessStatusCode();

        var vouchers = Enumerable.Range(1, 3).Select(i => node.Issue(drop, Samples.Wallet(100 + i))).ToList();
        vouchers.Add(node.Issue(drop, Samples.Wallet(200), sequence: 2));
        vouchers.Add(node.Issue(drop, Samples.Wallet(201), sequence: 4, key: EthECKey.GenerateKey()));
        var receipt = await node.Upload(vouchers, complete: true);
        receipt.Reports.Single().Redeemed.Should().Be(3);

        var oldKey = node.Address;
        (await node.Rotate()).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/nodes/{node.Id}/keys/revoke", new KeyRevocation(oldKey, "kiosk replaced", null))).EnsureSuccessStatusCode();
        (await node.Http.PostJson($"/nodes/{node.Id}/quotas/return", new QuotaReturn(drop, null))).EnsureSuccessStatusCode();
        return (drop, node, other);
    }

    /// <summary>
    /// A merch drop with stock for 4 of its 5 mints (one unmapped); one order given details, delivered and returned;
    /// one given details while the partner fails every call, so it is dead-lettered; two waiting for details.
    /// </summary>
    private async Task<(MerchDrop Merch, long Delivered, long DeadLettered)> FulfilmentActivity()
    {
        var merch = await MerchDrop.Create(server, supply: 5, stockPerVariant: 2, prefix: "funnel");
        await merch.Claim(5, parallel: 1);
        await server.ReadersCaughtUp(Settle);
        (await merch.Merch()).ShouldHave.Should().Be(5, "every mint is mapped or listed unmapped");
        var unmapped = (await merch.Merch()).Unmapped.Select(u => u.TokenNumber).ToHashSet();
        var ordered = merch.Holders.Keys.Where(t => !unmapped.Contains(t)).Order().ToList();
        var (delivered, deadLettered) = (ordered[0], ordered[1]);
        try
        {
            server.Partner.Behaviour = new SimulatorBehaviour();
            (await merch.GiveDetails(delivered)).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await merch.Order(delivered)).Status == OrderStatus.Delivered, Settle, "delivered");
            (await merch.Return(delivered)).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await merch.Order(delivered)).Status == OrderStatus.Returned, Settle, "returned");

            server.Partner.Behaviour = new SimulatorBehaviour { FailureRate = 1 };
            (await merch.GiveDetails(deadLettered)).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await merch.Order(deadLettered)).Status == OrderStatus.DeadLetter, Settle, "dead-lettered");
        }
        finally
        {
            server.Partner.Behaviour = new SimulatorBehaviour { Progress = ["accepted"] };
        }
        return (merch, delivered, deadLettered);
    }

    /// <summary>The first answer of <paramref name="read"/> that satisfies <paramref name="done"/>.</summary>
    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string because)
    {
        var last = default(T);
        await Eventually.True(async () => done(last = await read()), timeout, because);
        return last!;
    }

    private async Task<Dictionary<string, long>> Stages(string drop) =>
        (await Json($"/drops/{drop}/fulfilment/funnel")).GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("orders").GetInt64());

    private Task<JsonElement> Json(string path) => server.Http.GetFromJson(path);

    private static Dictionary<string, long> Counts(JsonElement json) => json.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    private static string WithoutPositions(JsonElement json) => JsonSerializer.Serialize(Strip(json));

    private static object? Strip(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().Where(p => p.Name != "position").ToDictionary(p => p.Name, p => Strip(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().Select(Strip).ToList(),
        _ => json,
    };

    private static List<string> Series(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
}
