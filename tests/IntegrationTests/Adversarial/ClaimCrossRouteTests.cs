using System.Net;
using System.Net.Http.Json;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using static MicroEvents.IntegrationTests.Adversarial.ClaimAttacks;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// A valid signature made for one route, replayed on another: each typed struct names its action, and a nonce is
/// issued for one action only, so the replay is refused with a problem, stores nothing and mails nothing.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class ClaimCrossRouteTests(ClaimServer server)
{
    [Fact]
    public async Task a_self_custody_claim_replayed_on_the_custodial_route_with_an_attackers_email_is_refused_and_the_token_stays_the_wallets()
    {
        var drop = await OpenDrop(server, "steal");
        var holder = new TestWallet();
        var signed = await SelfCustody(server, drop, holder);
        (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed)).StatusCode.Should().Be(HttpStatusCode.Created);

        var attacker = $"mallory-{Guid.NewGuid():N}@example.com";
        var stolen = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims",
            new CustodialBody(signed.Wallet, signed.Nonce, signed.Expiry, signed.Signature, attacker));
        await stolen.ShouldBeProblem(403, "challenge-not-issued", "the self-custody signature does not authorize a custodial claim");

        (await ClaimEvents(server, drop, signed.Nonce)).Should().BeEmpty("nothing stored for the claim id");
        (await server.Http.GetFromJsonAsync<ClaimStatus>($"/drops/{drop}/claims/{signed.Nonce}/custody", GatewayServer.Json))!
            .Should().BeEquivalentTo(new { Custody = Custody.SelfCustody, Holder = holder.Address });
        var handOff = await server.Anonymous.PostJson($"/drops/{drop}/claims/{signed.Nonce}/handoff",
            await HandOffProof(server, drop, signed.Nonce, new TestWallet(), code: "123456"));
        await handOff.ShouldBeProblem(409, "not-custodial", "a self-custody token can never be handed off by the platform");
        (await Minted(server, drop)).Should().Be(1);

        // Mail is sent in order: once a later genuine code has arrived, none went to the attacker.
        var genuine = $"ann-{Guid.NewGuid():N}@example.com";
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", await Custodial(server, drop, new TestWallet(), genuine)))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await server.CodeMailedTo(genuine);
        server.Mailbox.Messages.Should().NotContain(m => m.To.Contains(attacker));
    }

    [Fact]
    public async Task a_custodial_claims_signature_replayed_as_a_self_custody_claim_is_refused_and_mints_nothing()
    {
        var drop = await OpenDrop(server, "xroute");
        var phone = new TestWallet();
        var custodial = await Custodial(server, drop, phone, $"c-{Guid.NewGuid():N}@example.com");

        var asSelfCustody = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims",
            new SelfCustodyBody(custodial.Wallet, custodial.Nonce, custodial.Expiry, custodial.Signature));
        await asSelfCustody.ShouldBeProblem(403, "challenge-not-issued");
        (await Minted(server, drop)).Should().Be(0);

        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial)).StatusCode.Should().Be(HttpStatusCode.Created);
        var again = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims",
            new SelfCustodyBody(custodial.Wallet, custodial.Nonce, custodial.Expiry, custodial.Signature));
        await again.ShouldBeProblem(403, "challenge-not-issued", "a custodial claim id never becomes a self-custody one");
        (await Minted(server, drop)).Should().Be(1);
        (await server.Http.GetFromJsonAsync<ClaimStatus>($"/drops/{drop}/claims/{custodial.Nonce}/custody", GatewayServer.Json))!
            .Custody.Should().Be(Custody.Escrow);
    }

    [Fact]
    public async Task a_hand_off_acceptance_is_no_claim_and_a_claim_signature_is_no_hand_off_acceptance()
    {
        var drop = await OpenDrop(server, "xhand");
        var phone = new TestWallet();
        var custodial = await Custodial(server, drop, phone, $"h-{Guid.NewGuid():N}@example.com");
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial)).StatusCode.Should().Be(HttpStatusCode.Created);
        var own = new TestWallet();
        var ephemeral = Signatures.Custody.CustodyMessages.Sign(Signatures.Custody.CustodyMessages.HandOff(drop, custodial.Nonce, own.Address), phone.Key);

        var acceptance = await HandOffProof(server, drop, custodial.Nonce, own, ephemeral);
        var asClaim = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims",
            new SelfCustodyBody(acceptance.Wallet, acceptance.Nonce, acceptance.Expiry, acceptance.Signature));
        await asClaim.ShouldBeProblem(403, "challenge-not-issued", "accepting a hand-off is not asking for a new token");
        (await Minted(server, drop)).Should().Be(1);

        var claimSignature = await SelfCustody(server, drop, own);
        var asAcceptance = await server.Anonymous.PostJson($"/drops/{drop}/claims/{custodial.Nonce}/handoff",
            new HandOffBody(claimSignature.Wallet, claimSignature.Nonce, claimSignature.Expiry, claimSignature.Signature, ephemeral));
        await asAcceptance.ShouldBeProblem(403, "challenge-not-issued", "a claim signature does not accept a hand-off");

        // An acceptance for another claim of the same wallet does not carry over either.
        var other = await Custodial(server, drop, new TestWallet(), $"o-{Guid.NewGuid():N}@example.com");
        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", other)).StatusCode.Should().Be(HttpStatusCode.Created);
        var moved = await server.Anonymous.PostJson($"/drops/{drop}/claims/{other.Nonce}/handoff", acceptance);
        await moved.ShouldBeProblem(403, "challenge-not-issued");
        (await ClaimEvents(server, drop, custodial.Nonce)).Should().NotContain("claim.token_handed_off.v1");

        (await server.Anonymous.PostJson($"/drops/{drop}/claims/{custodial.Nonce}/handoff", acceptance)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
