using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>
/// An email-hash voucher's token is minted into the drop's custody; its claimant claims it out: a code mailed (over
/// real SMTP) only to an address whose SHA-256 is the voucher's, then the custodial hand-off with that code.
/// </summary>
[Collection(VenueCollection.Name)]
public class VoucherClaimOutTests(VenueServer server)
{
    [Fact]
    public async Task the_voucher_email_gets_a_code_and_hands_the_token_to_its_own_wallet_and_nobody_else_can()
    {
        var drop = await server.OpenDrop(20);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 5);
        var ann = $"ann-{Guid.NewGuid():N}@example.com";
        var bob = $"bob-{Guid.NewGuid():N}@example.com";
        var annVoucher = OfflineVouchers.Issue(node.Key, node.Id, drop, 1, null, ann, server.Clock.GetUtcNow(), TimeSpan.FromHours(6));
        var bobVoucher = OfflineVouchers.Issue(node.Key, node.Id, drop, 2, null, bob, server.Clock.GetUtcNow(), TimeSpan.FromHours(6));
        var walletVoucher = OfflineVouchers.Issue(node.Key, node.Id, drop, 3, Samples.Wallet(3), null, server.Clock.GetUtcNow(), TimeSpan.FromHours(6));
        (await node.Upload([annVoucher, bobVoucher, walletVoucher], complete: true)).Reports.Single().Redeemed.Should().Be(3);
        var annClaim = VoucherId.ClaimId(node.Id, annVoucher.VoucherId);
        var bobClaim = VoucherId.ClaimId(node.Id, bobVoucher.VoucherId);
        var signer = (await server.Anonymous.GetFromJsonAsync<JsonElement>($"/drops/{drop}/signer", GatewayServer.Json)).GetProperty("address").GetString();

        var held = await CustodyOf(drop, annClaim);
        held.Should().BeEquivalentTo(new { Custody = Custody.Custodial, Holder = signer });
        held.Recovery.Should().Contain("/code");

        // Someone else's address (or a typo) gets the same 202 and no mail; the voucher's address, in any case, gets the code.
        (await Code(drop, annClaim, $"mallory-{Guid.NewGuid():N}@example.com")).Should().Be(HttpStatusCode.Accepted);
        (await Code(drop, annClaim, bob)).Should().Be(HttpStatusCode.Accepted);
        (await Code(drop, annClaim, "  " + ann.ToUpperInvariant())).Should().Be(HttpStatusCode.Accepted);
        (await Code(drop, bobClaim, bob)).Should().Be(HttpStatusCode.Accepted);
        var annCode = await server.CodeMailedTo(ann);
        var bobCode = await server.CodeMailedTo(bob);
        server.Mailbox.Messages.Where(m => m.To.Contains("mallory")).Should().BeEmpty();
        server.Mailbox.Messages.Where(m => m.To.Contains(bob, StringComparison.OrdinalIgnoreCase)).Should().ContainSingle("Bob's address got Bob's code only");
        (await server.Journal().ReadEvents(MicroEvents.IntegrationTests.Http.CustodyTests.ClaimStreamKey(drop, annClaim), 1, 100)).Select(e => e.Type)
            .Should().Equal("claim.voucher_custody_opened.v1", "claim.confirmation_code_issued.v1");

        var own = new TestWallet();
        if (bobCode != annCode)
            (await (await HandOff(drop, annClaim, own, bobCode)).Problem()).GetProperty("type").GetString().Should().Be("/problems/wrong-code", "another token's code");
        var handedOff = await HandOff(drop, annClaim, own, annCode);
        handedOff.StatusCode.Should().Be(HttpStatusCode.OK, await handedOff.Content.ReadAsStringAsync());
        (await handedOff.Read<ClaimStatus>()).Should().BeEquivalentTo(new { Custody = Custody.HandedOff, Holder = own.Address });
        (await CustodyOf(drop, annClaim)).Holder.Should().Be(own.Address);

        // The code is spent: it cannot move the token again, and the claim asks for no more mail.
        var reuse = await HandOff(drop, annClaim, new TestWallet(), annCode);
        (await reuse.Problem()).GetProperty("type").GetString().Should().Be("/problems/already-handed-off");
        (await Code(drop, annClaim, ann)).Should().Be(HttpStatusCode.Accepted);
        var stream = await server.Journal().ReadEvents(MicroEvents.IntegrationTests.Http.CustodyTests.ClaimStreamKey(drop, annClaim), 1, 100);
        stream.Select(e => e.Type).Should().EndWith("claim.token_handed_off.v1");
        stream.Should().AllSatisfy(e => e.DataJson.Should().NotContain(ann.Split('@')[0]).And.NotContain(annCode));

        // A wallet voucher was never in custody: no code, no hand-off.
        var walletClaim = VoucherId.ClaimId(node.Id, walletVoucher.VoucherId);
        (await CustodyOf(drop, walletClaim)).Custody.Should().Be(Custody.SelfCustody);
        (await (await HandOff(drop, walletClaim, own, "123456")).Problem()).GetProperty("type").GetString().Should().Be("/problems/not-custodial");
        (await Code(drop, VoucherId.ClaimId(node.Id, "no-such-voucher"), ann)).Should().Be(HttpStatusCode.Accepted, "an unknown voucher says nothing either");
    }

    private async Task<ClaimStatus> CustodyOf(string drop, string claimId) =>
        (await server.Anonymous.GetFromJsonAsync<ClaimStatus>($"/drops/{drop}/claims/{Uri.EscapeDataString(claimId)}/custody", GatewayServer.Json))!;

    private async Task<HttpStatusCode> Code(string drop, string claimId, string email) =>
        (await server.Anonymous.PostJson($"/drops/{drop}/claims/{Uri.EscapeDataString(claimId)}/code", new { email })).StatusCode;

    private async Task<HttpResponseMessage> HandOff(string drop, string claimId, TestWallet wallet, string code)
    {
        var challenge = await server.Anonymous.PostJson($"/drops/{drop}/challenges", new { wallet = wallet.Address, kind = "hand-off", claimId });
        challenge.StatusCode.Should().Be(HttpStatusCode.OK, await challenge.Content.ReadAsStringAsync());
        var c = await challenge.Read<JsonElement>();
        return await server.Anonymous.PostJson($"/drops/{drop}/claims/{Uri.EscapeDataString(claimId)}/handoff", new
        {
            wallet = wallet.Address, nonce = c.GetProperty("nonce").GetString(), expiry = c.GetProperty("expiry").GetInt64(),
            signature = wallet.SignTypedData(c.GetProperty("typedData")), code,
        });
    }
}
