using System.Net;
using System.Net.Http.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>Registry, heartbeats and status by the clock, and node-signed requests, through HTTP.</summary>
[Collection(VenueCollection.Name)]
public class VenueNodeTests(VenueServer server)
{
    [Fact]
    public async Task heartbeats_make_a_node_online_and_missed_ones_take_it_degraded_then_offline_by_reminder()
    {
        using var node = await TestNode.Register(server);
        var listed = await server.Http.GetFromJsonAsync<NodeView[]>($"/venues/{node.Venue}/nodes", GatewayServer.Json);
        listed!.Single().Should().BeEquivalentTo(new { NodeId = node.Id, Status = NodeStatus.Offline, ActiveKey = node.Address });

        (await node.Heartbeat(rttMs: 40)).Status.Should().Be(NodeStatus.Online);
        (await node.Heartbeat(rttMs: 400)).Status.Should().Be(NodeStatus.Degraded, "400 ms is over the 250 ms target");
        (await node.Heartbeat(rttMs: 40)).Status.Should().Be(NodeStatus.Online);

        // Nothing calls the node now. A read sees the lateness the moment the clock says so, not at the reminder's
        // next tick; the reminder, ticking against the test clock, records the change on the stream.
        var start = server.Clock.GetUtcNow();
        server.Clock.Set(start + TimeSpan.FromSeconds(31));
        (await View(node)).Status.Should().Be(NodeStatus.Degraded, "degraded after one missed heartbeat, on the very next read");
        (await Listed(node)).Status.Should().Be(NodeStatus.Degraded, "the venue's list says the same");
        await Eventually.True(async () => (await StatusChanges(node)).Count == 4, TimeSpan.FromSeconds(20), "the reminder recorded it");
        server.Clock.Set(start + TimeSpan.FromSeconds(61));
        (await View(node)).Status.Should().Be(NodeStatus.Offline, "offline after three missed, on the very next read");
        var raw = await (await server.Http.GetAsync($"/nodes/{node.Id}")).Content.ReadAsStringAsync();
        raw.Should().Contain("\"status\":\"offline\"");
        await Eventually.True(async () => (await StatusChanges(node)).Count == 5, TimeSpan.FromSeconds(20), "the reminder recorded it");

        var view = (await server.Http.GetFromJsonAsync<NodeView[]>($"/venues/{node.Venue}/nodes", GatewayServer.Json))!.Single();
        view.LastRttMs.Should().Be(40);
        view.LastHeartbeatAt.Should().Be(start);
        var changes = await StatusChanges(node);
        changes.Should().HaveCount(5);
        changes[3].Should().Contain("\"to\":\"degraded\"", "one spelling in events and in the API").And.Contain("late");
        changes[4].Should().Contain("\"to\":\"offline\"");
    }

    private async Task<List<string>> StatusChanges(TestNode node) =>
        [.. (await server.Journal().ReadEvents($"node/{node.Id}", 1, 100)).Where(e => e.Type == "node.status_changed.v1").Select(e => e.DataJson)];

    private async Task<NodeView> Listed(TestNode node) =>
        (await server.Http.GetFromJsonAsync<NodeView[]>($"/venues/{node.Venue}/nodes", GatewayServer.Json))!.Single();

    [Fact]
    public async Task only_the_nodes_active_key_signing_this_very_request_within_the_window_gets_through()
    {
        using var node = await TestNode.Register(server);
        using var other = await TestNode.Register(server);
        var path = $"/nodes/{node.Id}/heartbeats";
        var body = """{"rttMs":10,"clockOffsetMs":0,"queueDepth":0,"appVersion":"1"}""";

        (await server.Anonymous.PostAsync(path, Json(body))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await server.Http.PostAsync(path, Json(body))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an operator is not the node");
        (await other.Http.PostAsync(path, Json(body))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "another node's key");

        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var signed = Signed(node, path, body, now, "n1");
        var replay = Signed(node, path, body, now, "n1");
        (await server.Anonymous.SendAsync(signed)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Anonymous.SendAsync(replay)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the same signed request again is a replay");
        (await server.Anonymous.SendAsync(Signed(node, path, body, now - 301, "n2"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "outside the 5-minute window");
        var tampered = Signed(node, path, body, now, "n3");
        tampered.Content = Json(body.Replace("10", "11"));
        (await server.Anonymous.SendAsync(tampered)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the body hash no longer matches");
        (await server.Anonymous.SendAsync(Signed(node, path, body, now, "n4"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_rotated_key_takes_over_and_a_revoked_one_is_listed_signed_and_cacheable()
    {
        using var node = await TestNode.Register(server);
        var first = node.Address;
        var firstKey = node.Key;
        var forged = await node.Http.PostJson($"/nodes/{node.Id}/keys/rotate", new KeyRotation(Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress(), "0x" + new string('1', 130)));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Problem()).GetProperty("type").GetString().Should().Be("/problems/invalid-key-chain");

        (await node.Rotate()).StatusCode.Should().Be(HttpStatusCode.OK);
        (await node.Heartbeat()).ActiveKey.Should().Be(node.Address, "requests are now signed by the new key");
        var stale = await server.Anonymous.SendAsync(Signed(node, $"/nodes/{node.Id}/heartbeats", "{}", server.Clock.GetUtcNow().ToUnixTimeSeconds(), "x1", firstKey));
        stale.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var before = await server.Anonymous.GetAsync("/revocations");
        var revoked = await server.Http.PostJson($"/nodes/{node.Id}/keys/revoke", new KeyRevocation(first, "kiosk lost", server.Clock.GetUtcNow()));
        revoked.StatusCode.Should().Be(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());

        var list = await server.Anonymous.GetAsync("/revocations");
        list.Headers.ETag!.Tag.Should().NotBe(before.Headers.ETag!.Tag);
        list.Headers.CacheControl!.Public.Should().BeTrue();
        var signed = await list.Read<SignedRevocationList>();
        signed.Revocations.Should().ContainEquivalentOf(new { NodeId = node.Id, Address = first, Reason = "kiosk lost" });
        NodeMessages.RevocationList(signed.Version, signed.Revocations.Select(r => (r.NodeId, r.Address, r.EffectiveAt))).Should().Be(signed.Message);
        NodeMessages.Signer(signed.Message, signed.Signature).Should().Be(signed.Signer, "anyone can check the list offline");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/revocations");
        conditional.Headers.IfNoneMatch.Add(list.Headers.ETag);
        (await server.Anonymous.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    private async Task<NodeView> View(TestNode node) => (await server.Http.GetFromJsonAsync<NodeView>($"/nodes/{node.Id}", GatewayServer.Json))!;

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static HttpRequestMessage Signed(TestNode node, string path, string body, long stamp, string nonce, Nethereum.Signer.EthECKey? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        var message = NodeMessages.Request(node.Id, "POST", path, stamp, nonce, NodeMessages.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(body)));
        request.Headers.Add(NodeMessages.TimestampHeader, stamp.ToString());
        request.Headers.Add(NodeMessages.NonceHeader, nonce);
        request.Headers.Add(NodeMessages.SignatureHeader, NodeMessages.Sign(message, key ?? node.Key));
        return request;
    }
}
