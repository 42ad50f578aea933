using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>Self-custody claims through the real gateway: challenge, sign as a wallet does, claim, replay, every refusal.</summary>
[Collection(SharedGateway.Name)]
public class SignedClaimTests(GatewayServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task a_wallet_signs_the_challenge_and_gets_a_token_and_a_replay_gets_the_same_receipt()
    {
        var drop = await OpenDrop();
        var wallet = new TestWallet();
        var challenge = await Challenge(drop, wallet.Address);
        challenge.GetProperty("claimId").GetString().Should().Be(challenge.GetProperty("nonce").GetString());
        var claim = SignedClaim(challenge, wallet.SignTypedData(challenge.GetProperty("typedData")));

        var first = await Http.PostJson($"/drops/{drop}/signed-claims", claim);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var receipt = await first.Read<ClaimReceipt>();
        receipt.ClaimId.Should().Be(challenge.GetProperty("nonce").GetString());
        receipt.Wallet.Should().Be(wallet.Address);
        receipt.TokenNumber.Should().Be(1);

        var replay = await Http.PostJson($"/drops/{drop}/signed-claims", claim);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replay.Read<ClaimReceipt>()).Should().Be(receipt);
        (await Http.GetFromJsonAsync<ClaimReceipt>($"/drops/{drop}/claims/{receipt.ClaimId}", GatewayServer.Json)).Should().Be(receipt);
        (await Minted(drop)).Should().Be(1);
    }

    [Fact]
    public async Task a_replay_after_the_challenge_expired_still_returns_only_the_original_receipt()
    {
        var drop = await OpenDrop();
        var wallet = new TestWallet();
        var challenge = await Challenge(drop, wallet.Address);
        var claim = SignedClaim(challenge, wallet.SignTypedData(challenge.GetProperty("typedData")));
        var receipt = await (await Http.PostJson($"/drops/{drop}/signed-claims", claim)).Read<ClaimReceipt>();

        server.Clock.Set(server.Clock.GetUtcNow().AddMinutes(10));
        var late = await Http.PostJson($"/drops/{drop}/signed-claims", claim);

        late.StatusCode.Should().Be(HttpStatusCode.OK);
        (await late.Read<ClaimReceipt>()).Should().Be(receipt);
        (await Minted(drop)).Should().Be(1);
    }

    [Fact]
    public async Task each_refusal_has_its_own_problem_type_and_mints_nothing()
    {
        var drop = await OpenDrop();
        var wallet = new TestWallet();
        var challenge = await Challenge(drop, wallet.Address);
        var signature = wallet.SignTypedData(challenge.GetProperty("typedData"));
        var valid = SignedClaim(challenge, signature);
        var nonce = challenge.GetProperty("nonce").GetString()!;
        var otherNonce = nonce[..^1] + (nonce[^1] == '0' ? '1' : '0');
        var otherChain = challenge.GetProperty("typedData").GetProperty("domain").Deserialize<Dictionary<string, object>>()!;
        otherChain["chainId"] = 1;

        var refusals = new (object Body, int Status, string Type)[]
        {
            (valid with { Signature = "0x1234" }, 400, "bad-signature"),
            (valid with { Signature = TestWallet.HighSTwin(signature) }, 400, "malleable-signature"),
            (valid with { Domain = otherChain }, 403, "wrong-domain"),
            (valid with { Nonce = otherNonce }, 403, "challenge-not-issued"),
            (valid with { Expiry = valid.Expiry + 60 }, 403, "challenge-not-issued"),
            (valid with { Signature = new TestWallet().SignTypedData(challenge.GetProperty("typedData")) }, 403, "signer-mismatch"),
            (valid with { Wallet = "0x12" }, 400, "invalid-wallet"),
        };
        foreach (var (body, status, type) in refusals)
        {
            var response = await Http.PostJson($"/drops/{drop}/signed-claims", body);
            ((int)response.StatusCode).Should().Be(status, type);
            (await response.Problem()).GetProperty("type").GetString().Should().Be($"/problems/{type}");
        }

        var elsewhere = await Http.PostJson($"/drops/{await OpenDrop()}/signed-claims", valid);
        (await elsewhere.Problem()).GetProperty("type").GetString().Should().Be("/problems/challenge-not-issued");

        server.Clock.Set(server.Clock.GetUtcNow().AddMinutes(5));
        var expired = await Http.PostJson($"/drops/{drop}/signed-claims", valid);
        ((int)expired.StatusCode).Should().Be(403);
        (await expired.Problem()).GetProperty("type").GetString().Should().Be("/problems/challenge-expired");

        (await Minted(drop)).Should().Be(0);
    }

    [Fact]
    public async Task challenges_are_refused_for_unknown_drops_and_invalid_wallets()
    {
        var unknown = await Http.PostJson("/drops/no-such-drop/challenges", new { wallet = new TestWallet().Address });
        (await unknown.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");

        var bad = await Http.PostJson($"/drops/{await OpenDrop()}/challenges", new { wallet = "not a wallet" });
        (await bad.Problem()).GetProperty("type").GetString().Should().Be("/problems/invalid-wallet");
    }

    [Fact]
    public async Task the_claim_and_receipt_routes_and_their_problem_types_are_in_the_openapi_document()
    {
        var doc = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        paths.GetProperty("/drops/{id}/challenges").TryGetProperty("post", out _).Should().BeTrue();
        paths.GetProperty("/drops/{id}/signed-claims").GetProperty("post").GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).Should().Contain(["201", "200", "400", "403", "404", "409"]);
        paths.EnumerateObject().Select(p => p.Name).Should().Contain(["/drops/{id}/custodial-claims", "/drops/{id}/claims/{claimId}/confirm",
            "/drops/{id}/claims/{claimId}/code", "/drops/{id}/claims/{claimId}/handoff", "/drops/{id}/claims/{claimId}/custody",
            "/drops/{id}/claims/{claimId}/receipt", "/drops/{id}/signer", "/receipts/verify"]);
        var description = doc.GetProperty("info").GetProperty("description").GetString();
        foreach (var code in new[] { "malleable-signature", "signer-mismatch", "wrong-domain", "challenge-expired", "challenge-not-issued", "bad-signature", "wrong-code", "too-many-code-attempts" })
            description.Should().Contain($"/problems/{code}");
    }

    private record SignedClaimBody(string Wallet, string Nonce, long Expiry, string Signature, object? Domain = null);

    private static SignedClaimBody SignedClaim(JsonElement challenge, string signature) => new(
        challenge.GetProperty("typedData").GetProperty("message").GetProperty("wallet").GetString()!,
        challenge.GetProperty("nonce").GetString()!, challenge.GetProperty("expiry").GetInt64(), signature);

    private async Task<JsonElement> Challenge(string drop, string wallet)
    {
        var response = await Http.PostJson($"/drops/{drop}/challenges", new { wallet });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Read<JsonElement>();
    }

    private async Task<string> OpenDrop()
    {
        var id = Samples.NewId("signed");
        (await Http.PostJson("/drops", Samples.Drop(id, supply: 10))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<long> Minted(string drop) =>
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted;
}
