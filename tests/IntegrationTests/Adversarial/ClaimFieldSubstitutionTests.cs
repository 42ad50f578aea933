using System.Net;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using static MicroEvents.IntegrationTests.Adversarial.ClaimAttacks;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// A valid signed claim re-sent with one field changed (email, tier, wallet, drop): every field the server stores
/// or acts on is signed, so each substitution is refused, stores nothing, and the genuine request still works.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class ClaimFieldSubstitutionTests(ClaimServer server)
{
    [Fact]
    public async Task a_relay_that_sends_a_custodial_claim_first_with_its_own_email_is_refused_and_the_genuine_claim_gets_the_code()
    {
        var drop = await OpenDrop(server, "relay");
        var phone = new TestWallet();
        var genuine = $"ann-{Guid.NewGuid():N}@example.com";
        var relay = $"relay-{Guid.NewGuid():N}@example.com";
        var signed = await Custodial(server, drop, phone, genuine);

        var relayed = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", signed with { Email = relay });
        await relayed.ShouldBeProblem(403, "challenge-not-issued", "the signed email hash is the genuine address's");
        (await ClaimEvents(server, drop, signed.Nonce)).Should().BeEmpty();
        (await Minted(server, drop)).Should().Be(0);

        (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", signed with { Email = "  " + genuine.ToUpperInvariant() }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "the same address, typed differently, is what was signed");
        await server.CodeMailedTo(genuine);
        server.Mailbox.Messages.Should().NotContain(m => m.To.Contains(relay));
    }

    [Fact]
    public async Task a_tier_added_to_or_changed_in_a_signed_claim_is_refused_and_the_claim_as_signed_succeeds()
    {
        var drop = await OpenDrop(server, "tier", new TierAllocation("vip", 2), new TierAllocation("floor", 5));
        var wallet = new TestWallet();
        var untiered = await SelfCustody(server, drop, wallet);

        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", untiered with { Tier = "vip" }))
            .ShouldBeProblem(403, "challenge-not-issued", "the tier is signed");
        var floor = await SelfCustody(server, drop, new TestWallet(), "floor");
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", floor with { Tier = "vip" }))
            .ShouldBeProblem(403, "challenge-not-issued");
        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", floor with { Tier = null }))
            .ShouldBeProblem(403, "challenge-not-issued");
        var custodial = await Custodial(server, drop, new TestWallet(), $"t-{Guid.NewGuid():N}@example.com");
        await (await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims", custodial with { Tier = "vip" }))
            .ShouldBeProblem(403, "challenge-not-issued");
        (await Minted(server, drop)).Should().Be(0);

        var asSigned = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", untiered);
        asSigned.StatusCode.Should().Be(HttpStatusCode.Created);
        (await asSigned.Read<ClaimReceipt>()).Tier.Should().BeNull();
        var vip = await SelfCustody(server, drop, new TestWallet(), "vip");
        var signedVip = await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", vip);
        signedVip.StatusCode.Should().Be(HttpStatusCode.Created);
        (await signedVip.Read<ClaimReceipt>()).Tier.Should().Be("vip", "a tier the wallet signed for");
    }

    [Fact]
    public async Task a_signed_claim_moved_to_another_wallet_or_drop_is_refused()
    {
        var drop = await OpenDrop(server, "move");
        var wallet = new TestWallet();
        var signed = await SelfCustody(server, drop, wallet);
        var thief = new TestWallet();

        await (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed with { Wallet = thief.Address }))
            .ShouldBeProblem(403, "challenge-not-issued");
        var otherDrop = await OpenDrop(server, "move");
        await (await server.Anonymous.PostJson($"/drops/{otherDrop}/signed-claims", signed))
            .ShouldBeProblem(403, "challenge-not-issued", "a challenge is for one drop");
        var custodial = await Custodial(server, drop, new TestWallet(), $"m-{Guid.NewGuid():N}@example.com");
        await (await server.Anonymous.PostJson($"/drops/{otherDrop}/custodial-claims", custodial))
            .ShouldBeProblem(403, "challenge-not-issued");
        (await Minted(server, drop)).Should().Be(0);
        (await Minted(server, otherDrop)).Should().Be(0);
    }
}
