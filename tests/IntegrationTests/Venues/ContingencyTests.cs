using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MicroEvents.Access;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>
/// Contingency manifests through HTTP: the creator's fallback asset set, primed and preflighted by a node, a switch by
/// the node's signed request or an operator, recorded on the drop; new mints, receipts and leaves carry its hash.
/// </summary>
[Collection(VenueCollection.Name)]
public class ContingencyTests(VenueServer server)
{
    private static readonly ContingencyManifest Fallback =
        new([new DropAsset("https://mirror.example.org/pop-up/1.png", new string('b', 64), "image/png")]);

    [Fact]
    public async Task a_node_primes_the_fallback_switches_to_it_by_a_signed_decision_and_only_new_mints_carry_its_hash()
    {
        var drop = Samples.NewId("fallback");
        var created = await server.Http.PostJson("/drops", Samples.Drop(drop, 50) with { Contingency = Fallback });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var summary = await created.Read<DropSummary>();
        summary.FallbackManifestHash.Should().NotBeNullOrEmpty().And.NotBe(summary.ManifestHash);
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 5);
        var before = await Claim(drop, "before", 1);
        before.ManifestHash.Should().Be(summary.ManifestHash);

        // Priming carries the fallback beside the primary, signed by the same drop key, checkable offline.
        var primedResponse = await node.Http.GetAsync($"/nodes/{node.Id}/manifests");
        var primed = (await primedResponse.Read<NodeManifests>()).Manifests.Single();
        primed.ContingencyManifestHash.Should().Be(summary.FallbackManifestHash);
        Sha256(primed.ContingencyManifest!).Should().Be(primed.ContingencyManifestHash, "the fallback hashes like the primary");
        primed.ContingencyManifest.Should().Contain("mirror.example.org").And.Contain($"\"id\":\"{drop}\"");
        RootSignature.Signer(Convert.FromHexString(primed.ContingencyManifestHash!), primed.ContingencySignature!).Should().Be(primed.Signer);
        primed.ContingencyActive.Should().BeFalse();
        var hashes = new Dictionary<string, string> { [drop] = primed.ManifestHash };
        (await Preflight(node, hashes, null)).Detail.Should().Contain($"{drop} (fallback)", "a node that did not prime the fallback is not ready");
        (await Preflight(node, hashes, new Dictionary<string, string> { [drop] = primed.ContingencyManifestHash! })).Passed.Should().BeTrue();

        // The primary assets fail at the door: the node switches, with its reason.
        var decision = new { dropId = drop, decisionId = "cdn-down-1", reason = "primary CDN times out from the venue" };
        var switched = await node.Http.PostJson($"/nodes/{node.Id}/contingency", decision);
        switched.StatusCode.Should().Be(HttpStatusCode.OK, await switched.Content.ReadAsStringAsync());
        var view = await switched.Read<ContingencyView>();
        view.Should().BeEquivalentTo(new { Active = true, ManifestHashInForce = summary.FallbackManifestHash });
        view.Switches.Single().Should().BeEquivalentTo(new { DecisionId = "cdn-down-1", To = "fallback", By = Actor.Node(node.Id), NodeId = node.Id,
            Reason = "primary CDN times out from the venue", FromMint = 2L });
        var retry = await node.Http.PostJson($"/nodes/{node.Id}/contingency", decision);
        retry.StatusCode.Should().Be(HttpStatusCode.OK, "a retry of the same decision (a fresh nonce) answers the same");
        var events = await server.Journal().ReadEvents($"drop/{drop}", 1, 1000);
        events.Where(e => e.Type == "drop.contingency_activated.v1").Should().ContainSingle()
            .Which.DataJson.Should().Contain(Actor.Node(node.Id)).And.Contain("primary CDN times out");

        var after = await Claim(drop, "after", 2);
        after.ManifestHash.Should().Be(summary.FallbackManifestHash);
        (await server.Anonymous.GetFromJsonAsync<ClaimReceipt>($"/drops/{drop}/claims/before", GatewayServer.Json))!.ManifestHash
            .Should().Be(summary.ManifestHash, "a token minted before keeps its manifest");
        (await Leaf(drop, "after")).ManifestHash.Should().Be("0x" + summary.FallbackManifestHash, "the signed receipt names the fallback");
        (await Leaf(drop, "before")).ManifestHash.Should().Be("0x" + summary.ManifestHash);
        var now = await server.Anonymous.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json);
        now!.ContingencyActive.Should().BeTrue();

        using var reprime = new HttpRequestMessage(HttpMethod.Get, $"/nodes/{node.Id}/manifests");
        reprime.Headers.IfNoneMatch.Add(primedResponse.Headers.ETag!);
        var reprimed = await node.Http.SendAsync(reprime);
        reprimed.StatusCode.Should().Be(HttpStatusCode.OK, "the switch changes what nodes are primed with");
        (await reprimed.Read<NodeManifests>()).Manifests.Single().ContingencyActive.Should().BeTrue();
    }

    [Fact]
    public async Task an_operator_switches_back_and_forth_and_every_bad_switch_is_refused_without_a_trace()
    {
        var drop = Samples.NewId("fallback");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, 50, perWalletLimit: 5))).EnsureSuccessStatusCode();
        var bad = await server.Http.PutAsJsonAsync($"/drops/{drop}/contingency", new { assets = Array.Empty<object>() }, GatewayServer.Json);
        (await bad.Problem()).GetProperty("errors").TryGetProperty("contingency.assets", out _).Should().BeTrue();
        (await Operator($"/drops/{drop}/contingency/activate", "d0")).Should().Be(HttpStatusCode.Conflict, "no fallback yet: no-contingency");
        var set = await server.Http.PutAsJsonAsync($"/drops/{drop}/contingency", Fallback, GatewayServer.Json);
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var locked = await server.Http.PutAsJsonAsync($"/drops/{drop}/contingency",
            new ContingencyManifest([new DropAsset("ipfs://bafy-late/1.png", new string('c', 64), "image/png")]), GatewayServer.Json);
        (await locked.Problem()).GetProperty("type").GetString().Should().Be("/problems/contingency-locked");
        var version = await Version(drop);

        var outsiders = new[]
        {
            await server.Anonymous.PostJson($"/drops/{drop}/contingency/activate", new { decisionId = "x", reason = "y" }),
            await server.NewClient(await server.NewKey(AccessRole.Analyst, "contingency")).PostJson($"/drops/{drop}/contingency/activate", new { decisionId = "x", reason = "y" }),
        };
        outsiders.Select(r => r.StatusCode).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        (await (await server.Http.PostJson($"/drops/{drop}/contingency/activate", new { decisionId = "x" })).Problem())
            .GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await (await server.Http.PostJson("/drops/no-such-drop-here/contingency/activate", new { decisionId = "x", reason = "y" })).Problem())
            .GetProperty("status").GetInt32().Should().Be(404);
        (await (await server.Http.PostJson($"/drops/{drop}/contingency/deactivate", new { decisionId = "x", reason = "y" })).Problem())
            .GetProperty("type").GetString().Should().Be("/problems/contingency-not-active");
        using (var stranger = await TestNode.Register(server))
        {
            var refused = await stranger.Http.PostJson($"/nodes/{stranger.Id}/contingency", new { dropId = drop, decisionId = "n1", reason = "cdn" });
            (await refused.Problem()).GetProperty("type").GetString().Should().Be("/problems/node-not-serving-drop");
        }
        (await server.Http.PostJson($"/nodes/some-node/contingency", new { dropId = drop, decisionId = "n1", reason = "cdn" })).StatusCode
            .Should().BeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
        (await Version(drop)).Should().Be(version, "refusals record nothing");

        await Claim(drop, "t1", 10);
        (await Operator($"/drops/{drop}/contingency/activate", "on-1")).Should().Be(HttpStatusCode.OK);
        (await Operator($"/drops/{drop}/contingency/activate", "on-1")).Should().Be(HttpStatusCode.OK, "the same decision again");
        var twice = await server.Http.PostJson($"/drops/{drop}/contingency/activate", new { decisionId = "on-2", reason = "again" });
        (await twice.Problem()).GetProperty("type").GetString().Should().Be("/problems/contingency-already-active");
        await Claim(drop, "t2", 10);
        (await Operator($"/drops/{drop}/contingency/deactivate", "off-1")).Should().Be(HttpStatusCode.OK);
        await Claim(drop, "t3", 10);

        var view = await server.Anonymous.GetFromJsonAsync<ContingencyView>($"/drops/{drop}/contingency", GatewayServer.Json);
        view!.Active.Should().BeFalse();
        view.Switches.Select(s => (s.To, s.FromMint)).Should().Equal(("fallback", 2L), ("primary", 3L));
        var receipts = new List<string?>();
        foreach (var c in new[] { "t1", "t2", "t3" })
            receipts.Add((await server.Anonymous.GetFromJsonAsync<ClaimReceipt>($"/drops/{drop}/claims/{c}", GatewayServer.Json))!.ManifestHash);
        receipts.Should().Equal(view.PrimaryManifestHash, view.FallbackManifestHash, view.PrimaryManifestHash);
    }

    private async Task<HttpStatusCode> Operator(string path, string decisionId) =>
        (await server.Http.PostJson(path, new { decisionId, reason = "the operator checked the assets" })).StatusCode;

    private async Task<ClaimReceipt> Claim(string drop, string claimId, int wallet)
    {
        var response = await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId, wallet = Samples.Wallet(wallet) });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Read<ClaimReceipt>();
    }

    private async Task<ReceiptLeafView> Leaf(string drop, string claimId) =>
        (await server.Anonymous.GetFromJsonAsync<ReceiptView>($"/drops/{drop}/claims/{claimId}/receipt", GatewayServer.Json))!.Leaf;

    private async Task<long> Version(string drop) =>
        (await server.Anonymous.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Version;

    private static async Task<PreflightItem> Preflight(TestNode node, Dictionary<string, string> primed, Dictionary<string, string>? fallbacks)
    {
        var response = await node.Http.PostJson($"/nodes/{node.Id}/preflight", new PreflightRequest([40, 35, 60], 12, primed, fallbacks));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Read<PreflightReport>()).Items.Single(i => i.Name == "manifests");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
