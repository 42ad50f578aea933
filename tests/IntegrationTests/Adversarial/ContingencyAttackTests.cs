using System.Net;
using System.Text;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// A node's signed contingency switch (<c>POST /nodes/{id}/contingency</c>) under attack, every signature VALID: what
/// the node signed switches that one drop once; a replay, a re-encoding, an edit, another route, a revoked key or a
/// node that does not serve the drop changes nothing and is answered with the check that failed.
/// </summary>
[Collection(NodeAttackCluster.Name)]
public class ContingencyAttackTests(NodeAttackServer server)
{
    private static readonly ContingencyManifest Fallback =
        new([new DropAsset("https://mirror.example.org/attack/1.png", new string('d', 64), "image/png")]);

    [Fact]
    public async Task a_signed_switch_switches_its_own_drop_once_and_no_replay_re_encoding_or_edit_of_it_switches_anything()
    {
        var (a, b) = (await Drop(), await Drop());
        using var node = await TestNode.Register(server);
        await Serve(node, a);
        await Serve(node, b);
        var body = Body(a, "cdn-1", "primary CDN down");

        var signed = Switch(node, body, "sw1");
        var first = await server.Anonymous.SendAsync(signed.Request());
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var switched = await Activations(a);

        // (a) verbatim, (c) re-encoded: the nonce is spent, whatever the encoding or the gateway; high s is no signature.
        await Refused(await server.Anonymous.SendAsync(signed.Request()), NodeSignatureCodes.Replayed, "verbatim");
        await Refused(await server.SecondGateway.SendAsync(signed.Request()), NodeSignatureCodes.Replayed, "verbatim, another gateway");
        await Refused(await server.Anonymous.SendAsync(signed.Request(SignatureEncodings.Of(signed.Signature, "v 0/1"))), NodeSignatureCodes.Replayed, "v 0/1");
        await Refused(await server.Anonymous.SendAsync(signed.Request(SignatureEncodings.Of(signed.Signature, "high s"))), NodeSignatureCodes.Malformed, "high s");
        await Refused(await server.Anonymous.SendAsync(signed.Request(SignatureEncodings.Of(signed.Signature, "64-byte compact"))), NodeSignatureCodes.Malformed, "compact");

        // (b) (d) A request signed but not yet sent, edited on the way: the body is signed, so another drop, decision or
        // reason is another message; with the signed hash beside it, the edit is named as such.
        foreach (var (edited, what) in new[]
                 {
                     (Body(b, "cdn-2", "primary CDN down"), "another drop"),
                     (Body(a, "cdn-3", "primary CDN down"), "another decision id"),
                     (Body(a, "cdn-2", "the operator said so"), "another reason"),
                 })
        {
            var captured = Switch(node, Body(a, "cdn-2", "primary CDN down"), "cap" + Guid.NewGuid().ToString("N")[..8]);
            await Refused(await server.Anonymous.SendAsync(captured.Request(body: edited, bodyHash: true)), NodeSignatureCodes.BodyHashMismatch, what);
            await Refused(await server.Anonymous.SendAsync(captured.Request(body: edited)), NodeSignatureCodes.WrongKey, what + " (no body hash: it recovers another key)");
        }

        // (b) The path is signed too: another node's route, or the operator's route of the other drop.
        using var other = await TestNode.Register(server);
        await Serve(other, b);
        var moved = Switch(node, Body(b, "cdn-4", "primary CDN down"), "mv1");
        await Refused(await server.Anonymous.SendAsync(moved.Request(path: $"/nodes/{other.Id}/contingency")), NodeSignatureCodes.WrongKey, "another node's route");
        (await server.Anonymous.SendAsync(moved.Request(path: $"/drops/{b}/contingency/activate"))).StatusCode
            .Should().Be(HttpStatusCode.Unauthorized, "a node signature is no operator credential");

        (await Activations(a)).Should().Be(switched).And.Be(1, "one switch of the drop the node signed");
        (await Activations(b)).Should().Be(0, "nothing the node signed for one drop switched another");
    }

    [Fact]
    public async Task a_revoked_node_a_node_not_serving_the_drop_and_another_nodes_decision_id_switch_nothing()
    {
        var drop = await Drop();
        using var serving = await TestNode.Register(server);
        using var stranger = await TestNode.Register(server);
        using var thief = await TestNode.Register(server);
        await Serve(serving, drop);
        await Serve(thief, drop);

        // (f) A node signs validly for a drop it holds no quota of.
        var notServing = await server.Anonymous.SendAsync(Switch(stranger, Body(drop, "s-1", "cdn"), "ns1").Request());
        notServing.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await notServing.Problem()).GetProperty("type").GetString().Should().Be("/problems/node-not-serving-drop");

        // (e) A serving node's key is revoked (the kiosk was stolen): its fresh, valid signature switches nothing.
        var revoked = await server.Http.PostJson($"/nodes/{thief.Id}/keys/revoke", new KeyRevocation(thief.Address, "kiosk stolen", server.Clock.GetUtcNow()));
        revoked.StatusCode.Should().Be(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        await Refused(await server.Anonymous.SendAsync(Switch(thief, Body(drop, "t-1", "cdn"), "rv1").Request()), NodeSignatureCodes.Revoked, "a revoked key");
        (await Activations(drop)).Should().Be(0);

        // A decision id names one decision: another serving node re-using it (or its author with another reason) is not
        // told its own decision was recorded.
        (await server.Anonymous.SendAsync(Switch(serving, Body(drop, "d-1", "primary CDN down"), "ok1").Request())).StatusCode.Should().Be(HttpStatusCode.OK);
        using var second = await TestNode.Register(server);
        await Serve(second, drop);
        foreach (var (node, reason, nonce) in new[] { (second, "primary CDN down", "re1"), (serving, "another story", "re2") })
        {
            var reused = await server.Anonymous.SendAsync(Switch(node, Body(drop, "d-1", reason), nonce).Request());
            reused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await reused.Content.ReadAsStringAsync());
            (await reused.Problem()).GetProperty("errors").TryGetProperty("decisionId", out _).Should().BeTrue();
        }
        (await server.Anonymous.SendAsync(Switch(serving, Body(drop, "d-1", "primary CDN down"), "ok2").Request())).StatusCode
            .Should().Be(HttpStatusCode.OK, "its author's retry (a fresh nonce) still answers the same");
        var events = await server.Journal().ReadEvents($"drop/{drop}", 1, 1000);
        events.Where(e => e.Type == "drop.contingency_activated.v1").Should().ContainSingle()
            .Which.DataJson.Should().Contain(serving.Id).And.NotContain(second.Id).And.NotContain(thief.Id).And.NotContain(stranger.Id);
    }

    private async Task<string> Drop()
    {
        var id = Samples.NewId("cont-attack");
        (await server.Http.PostJson("/drops", Samples.Drop(id, 20) with { Contingency = Fallback })).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task Serve(TestNode node, string drop) =>
        (await server.Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(drop, 2, Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();

    private async Task<int> Activations(string drop) =>
        (await server.Journal().ReadEvents($"drop/{drop}", 1, 1000)).Count(e => e.Type == "drop.contingency_activated.v1");

    private static string Body(string drop, string decisionId, string reason) =>
        $$"""{"dropId":"{{drop}}","decisionId":"{{decisionId}}","reason":"{{reason}}"}""";

    private SignedSwitch Switch(TestNode node, string body, string nonce, EthECKey? key = null)
    {
        var stamp = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        var path = $"/nodes/{node.Id}/contingency";
        var message = NodeMessages.Request(node.Id, "POST", path, stamp, nonce, NodeMessages.Sha256Hex(Encoding.UTF8.GetBytes(body)));
        return new SignedSwitch(path, body, stamp, nonce, NodeMessages.Sign(message, key ?? node.Key));
    }

    /// <summary>One node-signed switch as captured on the wire; <see cref="Request"/> sends it again, edited or not.</summary>
    private sealed record SignedSwitch(string Path, string Body, long Stamp, string Nonce, string Signature)
    {
        public HttpRequestMessage Request(string? signature = null, string? body = null, string? path = null, bool bodyHash = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path ?? Path) { Content = new StringContent(body ?? Body, Encoding.UTF8, "application/json") };
            request.Headers.Add(NodeMessages.TimestampHeader, Stamp.ToString());
            request.Headers.Add(NodeMessages.NonceHeader, Nonce);
            request.Headers.Add(NodeMessages.SignatureHeader, signature ?? Signature);
            if (bodyHash) request.Headers.Add(NodeMessages.BodyHashHeader, NodeMessages.Sha256Hex(Encoding.UTF8.GetBytes(Body)));
            return request;
        }
    }

    private static async Task Refused(HttpResponseMessage response, string code, string because)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/" + code, because);
    }
}
