using MicroEvents.LocalStandIns.Chain;
using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using Nethereum.Contracts;
using static MicroEvents.IntegrationTests.Adversarial.ClaimAttacks;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// The token theft of issue 26 end to end on a real chain (anvil): a self-custody claim replayed as a custodial
/// one is refused, so nothing is handed off; and even the custody account's own signature cannot move a token
/// whose receipt names a wallet. The holder then mints its token itself. Claims are signed under the deployed
/// contract's domain.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class HandOffTheftTests(SettlementServer server) : IClassFixture<SettlementServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task claims_are_signed_under_the_deployed_contract_and_its_chain()
    {
        var drop = await OpenDrop(server, "domain");
        var challenge = await Challenge(server, drop, new { wallet = new TestWallet().Address });
        var domain = challenge.GetProperty("typedData").GetProperty("domain");

        domain.GetProperty("verifyingContract").GetString().Should().BeEquivalentTo(server.Contract);
        domain.GetProperty("chainId").GetInt64().Should().Be(TestChain.ChainId);
    }

    [Fact]
    public async Task a_self_custody_token_cannot_be_stolen_through_custody_on_or_off_chain_and_its_holder_mints_it()
    {
        var drop = await OpenDrop(server, "theft");
        var holder = new TestWallet();
        var signed = await SelfCustody(server, drop, holder);
        (await server.Anonymous.PostJson($"/drops/{drop}/signed-claims", signed)).StatusCode.Should().Be(HttpStatusCode.Created);

        var attacker = new TestWallet();
        var stolen = await server.Anonymous.PostJson($"/drops/{drop}/custodial-claims",
            new CustodialBody(signed.Wallet, signed.Nonce, signed.Expiry, signed.Signature, $"mallory-{Guid.NewGuid():N}@example.com"));
        await stolen.ShouldBeProblem(403, "challenge-not-issued");
        var handOff = await server.Anonymous.PostJson($"/drops/{drop}/claims/{signed.Nonce}/handoff",
            await HandOffProof(server, drop, signed.Nonce, attacker, code: "000000"));
        await handOff.ShouldBeProblem(409, "not-custodial");

        OnChainClaim? onChain = null;
        await Eventually.True(async () =>
        {
            var response = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{signed.Nonce}/onchain");
            if (response.StatusCode == HttpStatusCode.OK) onChain = await response.Read<OnChainClaim>();
            return onChain is not null;
        }, Patience, "the claim's root anchored");
        onChain!.Custody.Should().Be(MicroEvents.Claims.Custody.SelfCustody);
        onChain.Action.Should().Be(OnChainActions.SendClaim);
        onChain.HandOff.Should().BeNull("no hand-off is offered for a wallet's own token");
        onChain.Receipt.Leaf.Holder.Should().BeEquivalentTo(holder.Address);

        // The custody account signs a hand-off of the wallet's leaf to the attacker: the contract refuses it.
        var leaf = new MicroEvents.Signatures.Receipts.ReceiptLeaf(onChain.Receipt.Leaf.DropId, onChain.Receipt.Leaf.TokenNumber,
            onChain.Receipt.Leaf.ClaimId, onChain.Receipt.Leaf.Holder, onChain.Receipt.Leaf.ManifestHash, onChain.Receipt.Leaf.MintedAt).Hash();
        var custodySigned = HandOffs.Sign(LocalAnvil.DevelopmentKey, HandOffs.Digest(TestChain.ChainId, server.Contract, leaf, attacker.Address));
        await server.Chain.Fund(attacker.Address);
        var asAttacker = new DropsContract(server.Chain.As(attacker.Key.GetPrivateKey()), server.Contract);
        (await asAttacker.Invoking(c => c.ClaimHandedOff(onChain.Receipt, attacker.Address, custodySigned))
                .Should().ThrowAsync<SmartContractCustomErrorRevertException>())
            .Which.IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue("the custody account does not hold a wallet's token");
        (await asAttacker.IsClaimed(drop, onChain.Receipt.Leaf.TokenNumber)).Should().BeFalse("nothing moved on chain");

        await server.Chain.Fund(holder.Address);
        var asHolder = new DropsContract(server.Chain.As(holder.Key.GetPrivateKey()), server.Contract);
        (await asHolder.Claim(onChain.Receipt, holder.Address)).Status.Value.Should().Be(1);
        (await asHolder.OwnerOf(TokenIds.Of(drop, onChain.Receipt.Leaf.TokenNumber))).Should().BeEquivalentTo(holder.Address);
    }
}
