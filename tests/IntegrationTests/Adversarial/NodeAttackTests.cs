using System.Net;
using System.Net.Http.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Signed node requests under attack, every signature VALID where it must not work: a request is accepted once per
/// nonce per node, whatever the signature's encoding and whichever gateway it reaches, and each refusal names its check.
/// </summary>
[Collection(NodeAttackCluster.Name)]
public class NodeAttackTests(NodeAttackServer server)
{
    private const string Body = """{"rttMs":10,"clockOffsetMs":0,"queueDepth":0,"appVersion":"1"}""";

    public static TheoryData<string, string> Reencodings => new()
    {
        { "v 0/1", NodeSignatureCodes.Replayed },
        { "v 27/28 again", NodeSignatureCodes.Replayed },
        { "high s", NodeSignatureCodes.Malformed },
        { "64-byte compact", NodeSignatureCodes.Malformed },
    };

    [Theory, MemberData(nameof(Reencodings))]
    public async Task a_heartbeat_replayed_with_its_signature_re_encoded_is_refused_and_stores_nothing(string encoding, string problem)
    {
        using var node = await TestNode.Register(server);
        var stamp = Now;
        var signature = NodeMessages.Sign(Message(node, stamp, "beat1"), node.Key);
        (await server.Anonymous.SendAsync(Heartbeat(node, stamp, "beat1", signature))).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await server.Anonymous.SendAsync(Heartbeat(node, stamp, "beat1", SignatureEncodings.Of(signature, encoding)));

        await ShouldBeRefused(replay, problem, encoding);
        (await Heartbeats(node)).Should().Be(1, "the replay stored no second heartbeat");
    }

    [Fact]
    public async Task the_same_nonce_with_a_new_timestamp_is_refused()
    {
        using var node = await TestNode.Register(server);
        (await server.Anonymous.SendAsync(Heartbeat(node, Now, "once"))).StatusCode.Should().Be(HttpStatusCode.OK);

        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now + 7, "once")), NodeSignatureCodes.Replayed, "a nonce is single use per node");
        (await Heartbeats(node)).Should().Be(1);
    }

    [Fact]
    public async Task a_replay_sent_to_another_gateway_of_the_cluster_is_refused()
    {
        using var node = await TestNode.Register(server);
        var stamp = Now;
        var signature = NodeMessages.Sign(Message(node, stamp, "roam"), node.Key);
        (await server.Anonymous.SendAsync(Heartbeat(node, stamp, "roam", signature))).StatusCode.Should().Be(HttpStatusCode.OK);

        var replay = await server.SecondGateway.SendAsync(Heartbeat(node, stamp, "roam", signature));

        await ShouldBeRefused(replay, NodeSignatureCodes.Replayed, "the node's actor, not the gateway, remembers the nonce");
        (await Heartbeats(node)).Should().Be(1);
    }

    [Fact]
    public async Task each_failed_check_answers_its_own_problem_type_and_never_asks_for_a_bearer_token()
    {
        using var node = await TestNode.Register(server);
        using var other = await TestNode.Register(server);

        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now - 301, "old")), NodeSignatureCodes.Stale, "outside the 5-minute window");
        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now + 301, "ahead")), NodeSignatureCodes.Stale, "ahead of the window");

        var tampered = Heartbeat(node, Now, "tamper", bodyHash: true);
        tampered.Content = Json(Body.Replace("10", "11"));
        await ShouldBeRefused(await server.Anonymous.SendAsync(tampered), NodeSignatureCodes.BodyHashMismatch, "the body changed after signing");

        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now, "stranger", key: other.Key)), NodeSignatureCodes.WrongKey, "another node's key");

        var garbage = Heartbeat(node, Now, "garbage");
        garbage.Headers.Remove(NodeMessages.SignatureHeader);
        garbage.Headers.Add(NodeMessages.SignatureHeader, "0x" + new string('1', 130));
        await ShouldBeRefused(await server.Anonymous.SendAsync(garbage), NodeSignatureCodes.Malformed, "not a signature");

        var badNonce = Heartbeat(node, Now, "bad-nonce!");
        await ShouldBeRefused(await server.Anonymous.SendAsync(badNonce), NodeSignatureCodes.Malformed, "the nonce is letters and digits");

        var retired = node.Key;
        (await node.Rotate()).StatusCode.Should().Be(HttpStatusCode.OK);
        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now, "retired", key: retired)), NodeSignatureCodes.WrongKey, "a rotated-out key");

        var revoked = await server.Http.PostJson($"/nodes/{node.Id}/keys/revoke", new KeyRevocation(node.Address, "kiosk stolen", server.Clock.GetUtcNow()));
        revoked.StatusCode.Should().Be(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        await ShouldBeRefused(await server.Anonymous.SendAsync(Heartbeat(node, Now, "thief")), NodeSignatureCodes.Revoked, "a revoked key");

        (await Heartbeats(node)).Should().Be(0, "no refused request stored a heartbeat");
    }

    [Fact]
    public async Task a_voucher_uploaded_again_with_its_v_re_encoded_is_the_same_voucher_not_a_second_one()
    {
        using var node = await TestNode.Register(server);
        var drop = Samples.NewId("voucher-v");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(drop, 2, "q1"))).EnsureSuccessStatusCode();
        var voucher = node.Issue(drop, Samples.Wallet(3));
        (await node.Upload([voucher], complete: false)).Received.Should().Be(1);

        var clone = voucher with { Signature = SignatureEncodings.Of(voucher.Signature, "v 0/1") };
        var again = await node.Upload([clone], complete: true);

        again.Received.Should().Be(0, "v 0/1 is the same signature of the same voucher");
        again.AlreadyKnown.Should().Be(1);
        var outcomes = await server.Http.GetFromJsonAsync<VoucherOutcome[]>($"/nodes/{node.Id}/vouchers/{voucher.VoucherId}", GatewayServer.Json);
        outcomes.Should().ContainSingle().Which.Outcome.Should().Be("redeemed", "one voucher, one token, no duplicate to compensate");
    }

    private long Now => server.Clock.GetUtcNow().ToUnixTimeSeconds();

    private async Task<int> Heartbeats(TestNode node) =>
        (await server.Journal().ReadEvents($"node/{node.Id}", 1, 100)).Count(e => e.Type == "node.heartbeat_received.v1");

    private static string Path(TestNode node) => $"/nodes/{node.Id}/heartbeats";

    private static string Message(TestNode node, long stamp, string nonce) =>
        NodeMessages.Request(node.Id, "POST", Path(node), stamp, nonce, NodeMessages.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(Body)));

    private static HttpRequestMessage Heartbeat(TestNode node, long stamp, string nonce, string? signature = null, EthECKey? key = null, bool bodyHash = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path(node)) { Content = Json(Body) };
        request.Headers.Add(NodeMessages.TimestampHeader, stamp.ToString());
        request.Headers.Add(NodeMessages.NonceHeader, nonce);
        request.Headers.Add(NodeMessages.SignatureHeader, signature ?? NodeMessages.Sign(Message(node, stamp, nonce), key ?? node.Key));
        if (bodyHash) request.Headers.Add(NodeMessages.BodyHashHeader, NodeMessages.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(Body)));
        return request;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static async Task ShouldBeRefused(HttpResponseMessage response, string code, string because)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, because);
        var problem = await response.Problem();
        problem.GetProperty("type").GetString().Should().Be("/problems/" + code, because);
        problem.GetProperty("detail").GetString().Should().NotContain("Bearer", because);
    }
}

/// <summary>The node-signature problem codes as a client reads them (kept apart from the gateway's constants on purpose).</summary>
public static class NodeSignatureCodes
{
    public const string Malformed = "node-signature-malformed";
    public const string Stale = "node-request-stale";
    public const string Replayed = "node-request-replayed";
    public const string WrongKey = "node-key-not-active";
    public const string Revoked = "node-key-revoked";
    public const string BodyHashMismatch = "node-body-hash-mismatch";
}
