using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using MicroEvents.Signatures.Custody;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Claiming an email-hash voucher's token out under attack, every signature VALID and every code genuinely mailed (real
/// SMTP): a code is good for its own claim only, an <c>AcceptHandOff</c> for its own claim, wallet and chain only, and a
/// guessed email is never confirmed or denied by any answer.
/// </summary>
[Collection(NodeAttackCluster.Name)]
public partial class VoucherClaimOutAttackTests(NodeAttackServer server)
{
    [Fact]
    public async Task a_code_or_acceptance_for_one_claim_moves_no_other_token()
    {
        var (drop, otherDrop) = (await Drop(), await Drop());
        using var node = await TestNode.Register(server);
        await Serve(node, drop);
        await Serve(node, otherDrop);
        var (ann, bob) = (Email("ann"), Email("bob"));
        var a = await Voucher(node, drop, 1, ann);
        var b = await Voucher(node, drop, 2, bob);
        var elsewhere = await Voucher(node, otherDrop, 1, ann);
        var codeA = await CodeFor(drop, a, ann);
        var codeB = await CodeFor(drop, b, bob, codeA);
        var (custodial, codeK) = await CustodialClaim(drop);
        var mallory = new TestWallet();
        var before = await Streams(drop, a, b, custodial);

        // A code is hashed under its own claim: it opens no other voucher, no custodial claim, nothing on another drop.
        await Refused(await HandOff(drop, b, mallory, code: codeA), "wrong-code", "voucher A's code on voucher B");
        await Refused(await HandOff(drop, custodial, mallory, code: codeA), "wrong-code", "a voucher's code on a custodial claim");
        await Refused(await HandOff(otherDrop, elsewhere, mallory, code: codeA), "wrong-code", "a voucher's code on another drop's voucher of the same email");
        await Refused(await HandOff(drop, a, mallory, code: codeK), "wrong-code", "a custodial claim's code on a voucher");

        // An AcceptHandOff names its claim, its wallet and its chain: signed for A, it is nothing else.
        var annWallet = new TestWallet();
        var acceptA = await Acceptance(drop, a, annWallet);
        await Refused(await Send(drop, b, acceptA, codeB), "challenge-not-issued", "A's acceptance presented for B (with B's own code)");
        await Refused(await Send(drop, a, Change(acceptA, "wallet", mallory.Address), codeA), "challenge-not-issued", "A's acceptance for another wallet");
        await Refused(await Send(drop, a, await Acceptance(drop, a, annWallet, chainId: 1), codeA), "signer-mismatch", "signed under another chain id");
        await Refused(await Send(drop, a, Change(await Acceptance(drop, a, annWallet, chainId: 1), "domain", Domain(acceptA, chainId: 1)), codeA),
            "wrong-domain", "naming the other chain");

        foreach (var (was, now) in before.Zip(await Streams(drop, a, b, custodial)))
            now.Types.Where(t => t != Rejected).Should().Equal(was.Types.Where(t => t != Rejected), "nothing but a wrong-code count was recorded on " + was.Claim);
        foreach (var claim in new[] { a, b, custodial })
            (await CustodyOf(drop, claim)).Custody.Should().NotBe(Custody.HandedOff, claim + " still in custody");

        // The genuine claimant's own acceptance and code still work.
        var genuine = await Send(drop, a, acceptA, codeA);
        genuine.StatusCode.Should().Be(HttpStatusCode.OK, await genuine.Content.ReadAsStringAsync());
        (await CustodyOf(drop, a)).Holder.Should().Be(annWallet.Address);
    }

    [Fact]
    public async Task no_answer_tells_whether_an_email_opened_a_voucher()
    {
        var drop = await Drop();
        using var node = await TestNode.Register(server);
        await Serve(node, drop);
        var (ann, cat) = (Email("ann"), Email("cat"));
        var opened = await Voucher(node, drop, 1, ann);
        var guessed = await Voucher(node, drop, 2, cat);
        await CodeFor(drop, opened, ann);

        // A guesser asks a code for the voucher with a wrong address: the same 202, no mail, nothing recorded.
        var guess = Email("guess");
        (await server.Anonymous.PostJson($"{Path(drop, guessed)}/code", new { email = guess })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        server.Mailbox.Messages.Should().NotContain(m => m.To.Contains(guess, StringComparison.OrdinalIgnoreCase));
        (await server.Journal().ReadEvents(Stream(drop, guessed), 1, 100)).Should().BeEmpty();

        // Then probes every route a guesser can reach: the answers match an opened voucher's, refusal for refusal.
        var wallet = new TestWallet();
        var (shownOpened, shownGuessed) = (await CustodyOf(drop, opened), await CustodyOf(drop, guessed));
        shownGuessed.Should().BeEquivalentTo(new { shownOpened.Custody, shownOpened.Holder, shownOpened.Confirmed, shownOpened.EscrowUntil },
            "the custody route shows both alike");
        foreach (var (what, send) in new (string, Func<string, Task<HttpResponseMessage>>)[]
                 {
                     ("a hand-off with a wrong code", c => HandOff(drop, c, wallet, code: "000000")),
                     ("a hand-off signed by some key", c => HandOff(drop, c, wallet, ephemeral: new TestWallet())),
                     ("a hand-off with no proof", c => HandOff(drop, c, wallet)),
                     ("a confirmation", c => server.Anonymous.PostJson($"{Path(drop, c)}/confirm",
                         new { code = "000000", signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, c), new TestWallet().Key) })),
                 })
        {
            var (o, g) = (await send(opened), await send(guessed));
            g.StatusCode.Should().Be(o.StatusCode, what);
            if (!o.IsSuccessStatusCode)
                (await g.Problem()).GetProperty("type").GetString().Should().Be((await o.Problem()).GetProperty("type").GetString(), what);
        }
        // Wrong codes lock both the same way.
        var locks = new List<(string, string)>();
        for (var i = 0; i < 5; i++)
            locks.Add((await ProblemType(await HandOff(drop, opened, wallet, code: "111111")), await ProblemType(await HandOff(drop, guessed, wallet, code: "111111"))));
        locks.Should().AllSatisfy(p => p.Item2.Should().Be(p.Item1));
        locks[^1].Item1.Should().Be("/problems/too-many-code-attempts");

        // The voucher's own address still gets its code and, once the lock's time has passed (only time lifts it), takes its token.
        var code = await CodeFor(drop, guessed, cat);
        var start = server.Clock.GetUtcNow();
        try
        {
            server.Clock.Set(start + CodeLock.DefaultDuration);
            var accepted = await HandOff(drop, guessed, wallet, code: code);
            accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }
        finally
        {
            server.Clock.Set(start);
        }
    }

    private const string Rejected = "claim.confirmation_code_rejected.v1";

    private async Task<string> Drop()
    {
        var id = Samples.NewId("claimout-attack");
        (await server.Http.PostJson("/drops", Samples.Drop(id, 20))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task Serve(TestNode node, string drop) =>
        (await server.Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(drop, 3, Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private async Task<string> Voucher(TestNode node, string drop, long sequence, string email)
    {
        var voucher = OfflineVouchers.Issue(node.Key, node.Id, drop, sequence, null, email, server.Clock.GetUtcNow(), TimeSpan.FromHours(6));
        (await node.Upload([voucher], complete: true)).Reports.Single(r => r.DropId == drop).Redeemed.Should().BeGreaterThan(0);
        return VoucherId.ClaimId(node.Id, voucher.VoucherId);
    }

    private async Task<string> CodeFor(string drop, string claimId, string email, params string[] seen)
    {
        (await server.Anonymous.PostJson($"{Path(drop, claimId)}/code", new { email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        return await server.CodeMailedTo(email, seen);
    }

    private async Task<(string ClaimId, string Code)> CustodialClaim(string drop) => await CustodialClaim(drop, Email("carol"));

    private async Task<(string ClaimId, string Code)> CustodialClaim(string drop, string email)
    {
        var phone = new TestWallet();
        var challenge = await Challenge(drop, new { wallet = phone.Address, kind = "custodial", email });
        var created = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", new
        {
            wallet = phone.Address, nonce = challenge.GetProperty("nonce").GetString(), expiry = challenge.GetProperty("expiry").GetInt64(),
            signature = phone.SignTypedData(challenge.GetProperty("typedData")), email,
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return ((await created.Read<ClaimStatus>()).ClaimId, await server.CodeMailedTo(email));
    }

    private async Task<JsonElement> Challenge(string drop, object request)
    {
        var response = await server.Anonymous.PostJson($"/drops/{drop}/challenges", request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Read<JsonElement>();
    }

    /// <summary>A valid <c>AcceptHandOff</c> of <paramref name="claimId"/> by <paramref name="wallet"/>, as a JSON body without proof; signed under another chain id if asked.</summary>
    private async Task<JsonObject> Acceptance(string drop, string claimId, TestWallet wallet, long? chainId = null)
    {
        var c = await Challenge(drop, new { wallet = wallet.Address, kind = "hand-off", claimId });
        var typedData = JsonNode.Parse(c.GetProperty("typedData").GetRawText())!;
        if (chainId is { } id) typedData["domain"]!["chainId"] = id;
        return new JsonObject
        {
            ["wallet"] = wallet.Address, ["nonce"] = c.GetProperty("nonce").GetString(), ["expiry"] = c.GetProperty("expiry").GetInt64(),
            ["signature"] = wallet.SignTypedData(JsonDocument.Parse(typedData.ToJsonString()).RootElement),
            ["typedDomain"] = typedData["domain"]!.DeepClone(),
        };
    }

    private static JsonObject Change(JsonObject body, string field, JsonNode? value)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[field] = value;
        return copy;
    }

    private static JsonNode Domain(JsonObject acceptance, long chainId)
    {
        var domain = acceptance["typedDomain"]!.DeepClone();
        domain["chainId"] = chainId;
        return domain;
    }

    private async Task<HttpResponseMessage> Send(string drop, string claimId, JsonObject acceptance, string code)
    {
        var body = Change(acceptance, "code", code);
        body.Remove("typedDomain");
        return await server.Anonymous.PostAsJsonAsync($"{Path(drop, claimId)}/handoff", body);
    }

    private async Task<HttpResponseMessage> HandOff(string drop, string claimId, TestWallet wallet, string? code = null, TestWallet? ephemeral = null)
    {
        var body = await Acceptance(drop, claimId, wallet);
        body.Remove("typedDomain");
        if (code is not null) body["code"] = code;
        if (ephemeral is not null) body["ephemeralSignature"] = CustodyMessages.Sign(CustodyMessages.HandOff(drop, claimId, wallet.Address), ephemeral.Key);
        return await server.Anonymous.PostAsJsonAsync($"{Path(drop, claimId)}/handoff", body);
    }

    private async Task<ClaimStatus> CustodyOf(string drop, string claimId) =>
        (await server.Anonymous.GetFromJsonAsync<ClaimStatus>($"{Path(drop, claimId)}/custody", GatewayServer.Json))!;

    private static string Path(string drop, string claimId) => $"/drops/{drop}/claims/{Uri.EscapeDataString(claimId)}";

    private static string Stream(string drop, string claimId) => MicroEvents.IntegrationTests.Http.CustodyTests.ClaimStreamKey(drop, claimId);

    private async Task<List<(string Claim, List<string> Types)>> Streams(string drop, params string[] claims)
    {
        var all = new List<(string, List<string>)>();
        foreach (var claim in claims)
            all.Add((claim, (await server.Journal().ReadEvents(Stream(drop, claim), 1, 100)).Select(e => e.Type).ToList()));
        return all;
    }

    private static async Task<string> ProblemType(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "ok" : (await response.Problem()).GetProperty("type").GetString()!;

    private static async Task Refused(HttpResponseMessage response, string type, string because)
    {
        response.IsSuccessStatusCode.Should().BeFalse(because);
        ((int)response.StatusCode).Should().BeInRange(400, 499, because);
        (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/" + type, because);
    }
}
