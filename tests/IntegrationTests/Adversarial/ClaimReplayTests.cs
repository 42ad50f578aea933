using System.Net;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using static MicroEvents.IntegrationTests.Adversarial.ClaimAttacks;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Replays of a valid signed claim: re-encoded signatures (v 0/1/27/28, high s, 64-byte compact), the nonce with
/// another expiry, and late replays. None creates a second claim; a late replay answers only to a valid signature.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class ClaimReplayTests(ClaimServer server)
{
    [Fact]
    public async Task re_encoded_signatures_of_a_claim_never_make_a_second_claim()
    {
        var drop = await OpenDrop(server, "reenc");
        var wallet = new TestWallet();
        var signed = await SelfCustody(server, drop, wallet);
        var first = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var receipt = await first.Read<ClaimReceipt>();

        // v 0/1 recovers the same signer: it is the same claim (the claim id is the nonce), so the same receipt.
        var otherV = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Signature = WithOtherV(signed.Signature) });
        otherV.StatusCode.Should().Be(HttpStatusCode.OK);
        (await otherV.Read<ClaimReceipt>()).Should().Be(receipt);
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Signature = TestWallet.HighSTwin(signed.Signature) }))
            .ShouldBeProblem(400, "malleable-signature");
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Signature = Compact(signed.Signature) }))
            .ShouldBeProblem(400, "bad-signature", "64-byte compact signatures are not accepted");
        (await Minted(server, drop)).Should().Be(1);

        var phone = new TestWallet();
        var email = $"v-{Guid.NewGuid():N}@example.com";
        var custodial = await Custodial(server, drop, phone, email);
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial)).StatusCode.Should().Be(HttpStatusCode.Created);
        var replay = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial with { Signature = WithOtherV(custodial.Signature) });
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        await (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial with { Signature = TestWallet.HighSTwin(custodial.Signature) }))
            .ShouldBeProblem(400, "malleable-signature");
        (await ClaimEvents(server, drop, custodial.Nonce)).Count(e => e == "claim.token_escrowed.v1").Should().Be(1);
        (await Minted(server, drop)).Should().Be(2);
    }

    [Fact]
    public async Task a_nonce_reused_with_another_expiry_is_not_ours()
    {
        var drop = await OpenDrop(server, "renonce");
        var wallet = new TestWallet();
        var signed = await SelfCustody(server, drop, wallet);
        (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed)).StatusCode.Should().Be(HttpStatusCode.Created);

        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Expiry = signed.Expiry + 3600 }))
            .ShouldBeProblem(403, "challenge-not-issued");
        (await Minted(server, drop)).Should().Be(1);
    }

    [Fact]
    public async Task a_late_replay_with_a_junk_or_strangers_signature_gets_nothing_while_the_wallets_own_gets_its_receipt()
    {
        var drop = await OpenDrop(server, "late");
        var wallet = new TestWallet();
        var signed = await SelfCustody(server, drop, wallet);
        var receipt = await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed)).Read<ClaimReceipt>();
        var phone = new TestWallet();
        var custodial = await Custodial(server, drop, phone, $"l-{Guid.NewGuid():N}@example.com");
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial)).StatusCode.Should().Be(HttpStatusCode.Created);
        var challenge = await Challenge(server, drop, new { wallet = wallet.Address });
        var strangers = new TestWallet().SignTypedData(challenge.GetProperty("typedData"));

        server.Clock.Set(server.Clock.GetUtcNow().AddMinutes(10));

        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Signature = "0x" + new string('1', 130) }))
            .ShouldBeProblem(400, "bad-signature", "an expired claim's receipt is only for its signer");
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Signature = strangers }))
            .ShouldBeProblem(403, "signer-mismatch");
        await (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial with { Signature = "0x" + new string('1', 130) }))
            .ShouldBeProblem(400, "bad-signature");
        var late = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed);
        late.StatusCode.Should().Be(HttpStatusCode.OK);
        (await late.Read<ClaimReceipt>()).Should().Be(receipt);
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial)).StatusCode.Should().Be(HttpStatusCode.OK);

        var unused = await SelfCustodyAt(drop);
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", unused)).ShouldBeProblem(403, "challenge-expired");
        (await Minted(server, drop)).Should().Be(2);
    }

    // A challenge issued now and already 10 minutes old by the time it is used.
    private async Task<SelfCustodyBody> SelfCustodyAt(string drop)
    {
        var body = await SelfCustody(server, drop, new TestWallet());
        server.Clock.Set(server.Clock.GetUtcNow().AddMinutes(10));
        return body;
    }
}
