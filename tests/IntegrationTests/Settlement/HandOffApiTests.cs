using MicroEvents.LocalStandIns.Chain;
using System.Net;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using MicroEvents.Signatures.Custody;
using Nethereum.Contracts;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>
/// Custodial claims on chain through the real gateway: after a hand-off the collector's own wallet mints the token
/// with what <c>GET /drops/{id}/claims/{claimId}/onchain</c> answers; a token still in custody is not offered, and
/// the custody account takes it itself.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class HandOffApiTests(SettlementServer server) : IClassFixture<SettlementServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private HttpClient Http => server.Http;

    [Fact]
    public async Task after_a_hand_off_the_collectors_wallet_mints_the_token_with_the_onchain_answer_and_custody_keeps_the_rest()
    {
        var drop = Samples.NewId("onchain");
        (await Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var (handedOff, phone) = await CustodialClaims.Confirmed(server, drop);
        var (kept, _) = await CustodialClaims.Confirmed(server, drop);
        var own = new TestWallet();
        (await Http.PostJson($"/drops/{drop}/claims/{handedOff}/handoff",
            await CustodialClaims.WalletProof(server, drop, handedOff, own, CustodyMessages.Sign(CustodyMessages.HandOff(drop, handedOff, own.Address), phone.Key)))).EnsureSuccessStatusCode();

        OnChainClaim? onChain = null;
        await Eventually.True(async () =>
        {
            var response = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{handedOff}/onchain");
            if (response.StatusCode == HttpStatusCode.Conflict)
                (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/root-not-anchored");
            else onChain = await response.Read<OnChainClaim>();
            return onChain is not null;
        }, Patience, "the claim's root anchored and its hand-off offered");
        onChain!.ChainId.Should().Be(TestChain.ChainId);
        onChain.Custody.Should().Be(Custody.HandedOff);
        onChain.Action.Should().Be(OnChainActions.SendClaimHandedOff, "settlement does not deliver here: the wallet sends it");
        onChain.Delivery.Should().BeNull();
        onChain.Anchored.Should().BeTrue();
        onChain.HandOffSignedBy.Should().BeEquivalentTo(TestChain.SignerAddress, "the custody account attests the hand-off it checked");
        onChain.Contract.Should().BeEquivalentTo(server.Contract);
        onChain.HandOffTo.Should().BeEquivalentTo(own.Address);
        onChain.Receipt.Leaf.Holder.Should().BeEquivalentTo(TestChain.SignerAddress, "a custodial token is held on chain by the custody account, not the phone's key");

        // The collector's wallet sends the claim itself, with nothing but the endpoint's answer.
        await server.Chain.Fund(own.Address);
        var asOwn = new DropsContract(server.Chain.As(own.Key.GetPrivateKey()), onChain.Contract);
        (await asOwn.ClaimHandedOff(onChain.Receipt, onChain.HandOffTo!, onChain.HandOff!)).Status.Value.Should().Be(1);
        (await asOwn.OwnerOf(System.Numerics.BigInteger.Parse(onChain.TokenId))).Should().BeEquivalentTo(own.Address);
        (await Reverted(() => asOwn.ClaimHandedOff(onChain.Receipt, onChain.HandOffTo!, onChain.HandOff!)))
            .IsCustomErrorFor<TokenAlreadyClaimedError>().Should().BeTrue("delivered once");
        var redirected = new TestWallet().Address;
        (await Reverted(() => asOwn.ClaimHandedOff(onChain.Receipt, redirected, onChain.HandOff!)))
            .IsCustomErrorFor<InvalidHandOffError>().Should().BeTrue("the hand-off names its wallet");

        // Still in custody: no hand-off is offered; the custody account (the settlement signer) claims it for itself.
        var inCustody = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{kept}/onchain");
        inCustody.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await inCustody.Problem()).GetProperty("type").GetString().Should().BeOneOf("/problems/not-handed-off", "/problems/root-not-anchored");
        var receipt = await (await server.Anonymous.GetAsync($"/drops/{drop}/claims/{kept}/receipt")).Read<MicroEvents.Receipts.ReceiptView>();
        var leaf = new MicroEvents.Signatures.Receipts.ReceiptLeaf(receipt.Leaf.DropId, receipt.Leaf.TokenNumber, receipt.Leaf.ClaimId,
            receipt.Leaf.Holder, receipt.Leaf.ManifestHash, receipt.Leaf.MintedAt).Hash();
        var custody = new DropsContract(server.Chain.Signer(), onChain.Contract);
        await Eventually.True(async () => await custody.IsAnchored(drop, receipt.Root), Patience, "the kept token's root anchored");
        (await server.Anonymous.GetAsync($"/drops/{drop}/claims/{kept}/onchain")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var attestation = HandOffs.Sign(LocalAnvil.DevelopmentKey, HandOffs.Digest(TestChain.ChainId, onChain.Contract, leaf, TestChain.SignerAddress));
        (await custody.ClaimHandedOff(receipt, TestChain.SignerAddress, attestation)).Status.Value.Should().Be(1);
        (await custody.OwnerOf(TokenIds.Of(drop, receipt.Leaf.TokenNumber))).Should().BeEquivalentTo(TestChain.SignerAddress);

        (await server.Anonymous.GetAsync($"/drops/{drop}/claims/no-such-claim/onchain")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<SmartContractCustomErrorRevertException> Reverted(Func<Task> transaction) =>
        (await transaction.Should().ThrowAsync<SmartContractCustomErrorRevertException>()).Which;
}
