using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Signatures.Custody;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// The email + ephemeral-key path through the real gateway: mail travels over SMTP (MailKit) to a real
/// local SMTP server and the test reads the code from that mail; escrow ends by an Orleans reminder.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class CustodyTests(ClaimServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task claim_into_escrow_confirm_the_mailed_code_and_hand_off_to_an_own_wallet()
    {
        var drop = await OpenDrop();
        var phone = new TestWallet();
        var email = $"ann-{Guid.NewGuid():N}@example.com";
        var body = await CustodialClaim(drop, phone, email);

        var created = await Http.PostJson($"/drops/{drop}/custodial-claims", body);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var createdText = await created.Content.ReadAsStringAsync();
        createdText.Should().NotContain(email.Split('@')[0]);
        var status = JsonSerializer.Deserialize<ClaimStatus>(createdText, GatewayServer.Json)!;
        status.Should().BeEquivalentTo(new { DropId = drop, TokenNumber = 1L, Holder = phone.Address, Custody = Custody.Escrow, Confirmed = false });
        status.Recovery.Should().Contain("/code");
        var claimId = status.ClaimId;

        var code = await server.CodeMailedTo(email);
        code.Should().MatchRegex(@"^\d{6}$");

        var wrong = await Http.PostJson($"/drops/{drop}/claims/{claimId}/confirm",
            new { code = code == "000000" ? "000001" : "000000", signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, claimId), phone.Key) });
        (await wrong.Problem()).GetProperty("type").GetString().Should().Be("/problems/wrong-code");
        var stranger = await Http.PostJson($"/drops/{drop}/claims/{claimId}/confirm",
            new { code, signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, claimId), new TestWallet().Key) });
        (await stranger.Problem()).GetProperty("type").GetString().Should().Be("/problems/not-the-ephemeral-key");

        var confirmed = await Http.PostJson($"/drops/{drop}/claims/{claimId}/confirm",
            new { code, signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, claimId), phone.Key) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await confirmed.Read<ClaimStatus>()).Should().BeEquivalentTo(new { Custody = Custody.Custodial, Confirmed = true });

        var replay = await Http.PostJson($"/drops/{drop}/custodial-claims", body);
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replay.Read<ClaimStatus>()).Custody.Should().Be(Custody.Custodial);

        var own = new TestWallet();
        var handOff = await Http.PostJson($"/drops/{drop}/claims/{claimId}/handoff",
            await WalletProof(drop, claimId, own, ephemeralSignature: CustodyMessages.Sign(CustodyMessages.HandOff(drop, claimId, own.Address), phone.Key)));
        handOff.StatusCode.Should().Be(HttpStatusCode.OK);
        var handedOff = await handOff.Read<ClaimStatus>();
        handedOff.Should().BeEquivalentTo(new { Custody = Custody.HandedOff, Holder = own.Address, TokenNumber = 1L });
        handedOff.Recovery.Should().Contain("recovery phrase");

        (await Http.GetFromJsonAsync<ClaimStatus>($"/drops/{drop}/claims/{claimId}/custody", GatewayServer.Json))!.Holder.Should().Be(own.Address);
        var stream = await server.Journal().ReadEvents(ClaimStreamKey(drop, claimId), 1, 100);
        stream.Select(e => e.Type).Should().Equal("claim.custody_requested.v1", "claim.token_escrowed.v1", "claim.confirmation_code_rejected.v1",
            "claim.custody_confirmed.v1", "claim.token_handed_off.v1");
        stream.Should().AllSatisfy(e => e.DataJson.Should().NotContain(email.Split('@')[0]).And.NotContain(code));
        (await Minted(drop)).Should().Be(1);
    }

    [Fact]
    public async Task a_lost_phone_gets_a_new_code_by_email_and_hands_off_with_it()
    {
        var drop = await OpenDrop();
        var phone = new TestWallet();
        var email = $"bob-{Guid.NewGuid():N}@example.com";
        var status = await (await Http.PostJson($"/drops/{drop}/custodial-claims", await CustodialClaim(drop, phone, email))).Read<ClaimStatus>();
        var first = await server.CodeMailedTo(email);

        (await Http.PostJson($"/drops/{drop}/claims/{status.ClaimId}/code", new { email = "someone-else@example.com" })).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        (await Http.PostJson($"/drops/{drop}/claims/{status.ClaimId}/code", new { email = email.ToUpperInvariant() })).StatusCode
            .Should().Be(HttpStatusCode.Accepted);
        var second = await server.CodeMailedTo(email, first);

        var own = new TestWallet();
        var stale = await Http.PostJson($"/drops/{drop}/claims/{status.ClaimId}/handoff", await WalletProof(drop, status.ClaimId, own, code: first));
        if (first != second) (await stale.Problem()).GetProperty("type").GetString().Should().Be("/problems/wrong-code");
        var handOff = await Http.PostJson($"/drops/{drop}/claims/{status.ClaimId}/handoff", await WalletProof(drop, status.ClaimId, own, code: second));

        handOff.StatusCode.Should().Be(HttpStatusCode.OK);
        (await handOff.Read<ClaimStatus>()).Should().BeEquivalentTo(new { Custody = Custody.HandedOff, Holder = own.Address });
        server.Mailbox.Messages.Where(m => m.To.Contains("someone-else")).Should().BeEmpty();
    }

    [Fact]
    public async Task custodial_claims_refuse_a_bad_email_a_foreign_signature_and_non_custodial_claims()
    {
        var drop = await OpenDrop();
        var phone = new TestWallet();

        var badEmail = await Http.PostJson($"/drops/{drop}/custodial-claims", (await CustodialClaim(drop, phone, "c@example.com")) with { Email = "not an email\u0000" });
        (await badEmail.Problem()).GetProperty("type").GetString().Should().Be("/problems/invalid-email");

        var foreign = (await CustodialClaim(drop, phone, "c@example.com")) with { Signature = new TestWallet().SignTypedData((await Challenge(drop, new { wallet = phone.Address, kind = "custodial", email = "c@example.com" })).GetProperty("typedData")) };
        (await (await Http.PostJson($"/drops/{drop}/custodial-claims", foreign)).Problem()).GetProperty("type").GetString()
            .Should().BeOneOf("/problems/signer-mismatch", "/problems/challenge-not-issued");

        var plain = await Http.PostJson($"/drops/{drop}/claims", new { claimId = "0x" + new string('a', 64), wallet = phone.Address });
        plain.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Http.GetFromJsonAsync<ClaimStatus>($"/drops/{drop}/claims/0x{new string('a', 64)}/custody", GatewayServer.Json))!
            .Custody.Should().Be(Custody.SelfCustody);
        var confirm = await Http.PostJson($"/drops/{drop}/claims/0x{new string('a', 64)}/confirm",
            new { code = "123456", signature = CustodyMessages.Sign(CustodyMessages.Confirm(drop, "0x" + new string('a', 64)), phone.Key) });
        (await confirm.Problem()).GetProperty("type").GetString().Should().Be("/problems/not-custodial");

        (await Minted(drop)).Should().Be(1);
    }

    internal static string ClaimStreamKey(string drop, string claimId) => $"claim/{ClaimKey.Of(drop, claimId)}";

    internal record CustodialBody(string Wallet, string Nonce, long Expiry, string Signature, string Email);

    private record HandOffBody(string Wallet, string Nonce, long Expiry, string Signature, string? EphemeralSignature, string? Code);

    internal async Task<CustodialBody> CustodialClaim(string drop, TestWallet phone, string email)
    {
        var challenge = await Challenge(drop, new { wallet = phone.Address, kind = "custodial", email });
        return new CustodialBody(phone.Address, challenge.GetProperty("nonce").GetString()!, challenge.GetProperty("expiry").GetInt64(),
            phone.SignTypedData(challenge.GetProperty("typedData")), email);
    }

    private async Task<HandOffBody> WalletProof(string drop, string claimId, TestWallet wallet, string? ephemeralSignature = null, string? code = null)
    {
        var challenge = await Challenge(drop, new { wallet = wallet.Address, kind = "hand-off", claimId });
        return new HandOffBody(wallet.Address, challenge.GetProperty("nonce").GetString()!, challenge.GetProperty("expiry").GetInt64(),
            wallet.SignTypedData(challenge.GetProperty("typedData")), ephemeralSignature, code);
    }

    private async Task<JsonElement> Challenge(string drop, object request)
    {
        var response = await Http.PostJson($"/drops/{drop}/challenges", request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Read<JsonElement>();
    }

    internal async Task<string> OpenDrop()
    {
        var id = Samples.NewId("custody");
        (await Http.PostJson("/drops", Samples.Drop(id, supply: 10))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<long> Minted(string drop) =>
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted;
}
