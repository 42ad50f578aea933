using MicroEvents.LocalStandIns.Chain;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>
/// Settlement delivers custodial hand-offs on chain by itself: a handed-off token ends in the collector's wallet
/// with one transaction from the signer's own nonce sequence, and a token the holder already claimed is recorded,
/// never sent again.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class HandOffDeliveryTests(DeliveringSettlementServer server) : IClassFixture<DeliveringSettlementServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task a_hand_off_is_minted_to_the_wallet_once_and_a_token_the_holder_claimed_itself_is_not_sent_again()
    {
        var drop = Samples.NewId("deliver");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var (delivered, phone) = await CustodialClaims.Confirmed(server, drop);
        var (selfClaimed, otherPhone) = await CustodialClaims.Confirmed(server, drop);
        TestWallet own = new(), otherOwn = new();

        await CustodialClaims.HandOff(server, drop, delivered, phone, own);
        var token = await Token(drop, delivered);
        var contract = new DropsContract(server.Chain.Signer(), server.Contract);
        await Eventually.True(async () => await contract.IsClaimed(drop, token.Number), Patience, "the handed-off token minted on chain");
        (await contract.OwnerOf(TokenIds.Of(drop, token.Number))).Should().BeEquivalentTo(own.Address, "minted to the wallet it was handed to");
        await Eventually.True(async () => (await Delivery(drop, delivered))?.State == AnchorStates.Delivered, Patience, "the delivery final");
        var shown = (await Delivery(drop, delivered))!;
        shown.TxHash.Should().StartWith("0x");
        shown.Block.Should().BeGreaterThan(0);

        // The other token is minted on chain before its hand-off reaches settlement (its holder, the custody account,
        // signs the hand-off; the wallet sends it).
        await Eventually.True(async () => await contract.IsAnchored(drop, (await Token(drop, selfClaimed)).Root), Patience, "the second token's root anchored");
        var other = await Token(drop, selfClaimed);
        await server.Chain.Fund(otherOwn.Address);
        var digest = HandOffs.Digest(TestChain.ChainId, server.Contract, other.Leaf, otherOwn.Address);
        (await new DropsContract(server.Chain.As(otherOwn.Key.GetPrivateKey()), server.Contract)
            .ClaimHandedOff(other.Receipt, otherOwn.Address, HandOffs.Sign(LocalAnvil.DevelopmentKey, digest))).Status.Value.Should().Be(1);
        await CustodialClaims.HandOff(server, drop, selfClaimed, otherPhone, otherOwn);
        await Eventually.True(async () => (await Delivery(drop, selfClaimed))?.State == AnchorStates.Delivered, Patience, "the self-claimed token recorded as delivered");
        (await Delivery(drop, selfClaimed))!.TxHash.Should().BeNull("nothing was sent: the contract said it was minted");

        await server.Client.GetGrain<ISettlementGrain>(SettlementKey.Of(TestChain.ChainId, TestChain.SignerAddress)).Settle();
        var stream = await server.Journal().ReadEvents($"settlement/{SettlementKey.Of(TestChain.ChainId, TestChain.SignerAddress)}", 1, 100_000);
        var submitted = stream.Where(e => e.Type == "settlement.delivery_submitted.v1").Select(e => JsonDocument.Parse(e.DataJson).RootElement).ToList();
        submitted.Should().ContainSingle(e => e.GetProperty("claimId").GetString() == delivered, "one transaction delivers it");
        submitted.Should().NotContain(e => e.GetProperty("claimId").GetString() == selfClaimed);
        stream.Should().ContainSingle(e => e.Type == "settlement.delivery_found_on_chain.v1" && e.DataJson.Contains(selfClaimed));
    }

    [Fact]
    public async Task onchain_says_the_delivery_is_under_way_or_done_withholds_the_hand_off_and_spells_custody_as_the_custody_route()
    {
        var drop = Samples.NewId("onchain-delivery");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var (claimId, phone) = await CustodialClaims.Confirmed(server, drop);
        var own = new TestWallet();
        await CustodialClaims.HandOff(server, drop, claimId, phone, own);

        // Every answer while the delivery is under way tells the wallet to send nothing and offers nothing to send:
        // a claimHandedOff of its own would race settlement's and revert with its gas spent.
        var seen = new List<string>();
        JsonElement answer = default;
        await Eventually.True(async () =>
        {
            var response = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{claimId}/onchain");
            if (response.StatusCode == HttpStatusCode.Conflict) return false;
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var state = answer.GetProperty("delivery").GetProperty("state").GetString()!;
            seen.Add(state);
            state.Should().BeOneOf(AnchorStates.Queued, AnchorStates.Submitted, AnchorStates.Delivered);
            answer.GetProperty("action").GetString().Should().Be(state == AnchorStates.Delivered ? OnChainActions.AlreadyMinted : OnChainActions.NoneDeliveryQueued);
            answer.GetProperty("handOff").ValueKind.Should().Be(JsonValueKind.Null, "nothing to send while settlement delivers it");
            return state == AnchorStates.Delivered;
        }, Patience, "the delivery shown delivered on /onchain");
        var delivery = answer.GetProperty("delivery");
        delivery.GetProperty("txHash").GetString().Should().StartWith("0x");
        delivery.GetProperty("block").GetInt64().Should().BeGreaterThan(0);
        answer.GetProperty("handOffTo").GetString().Should().BeEquivalentTo(own.Address);

        var custodyRoute = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{claimId}/custody");
        var custody = JsonDocument.Parse(await custodyRoute.Content.ReadAsStringAsync()).RootElement.GetProperty("custody").GetString();
        custody.Should().Be("handedOff");
        answer.GetProperty("custody").GetString().Should().Be(custody, "one spelling across the API");
    }

    private async Task<DeliveryView?> Delivery(string drop, string claimId) =>
        (await server.Anonymous.GetFromJsonAsync<DropSettlementView>($"/drops/{drop}/settlement", GatewayServer.Json))!
            .Deliveries.SingleOrDefault(d => d.ClaimId == claimId);

    private async Task<(long Number, string Root, byte[] Leaf, MicroEvents.Receipts.ReceiptView Receipt)> Token(string drop, string claimId)
    {
        var response = await server.Anonymous.GetAsync($"/drops/{drop}/claims/{claimId}/receipt");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var receipt = (await response.Content.ReadFromJsonAsync<MicroEvents.Receipts.ReceiptView>(Json))!;
        var l = receipt.Leaf;
        return (l.TokenNumber, receipt.Root, new MicroEvents.Signatures.Receipts.ReceiptLeaf(l.DropId, l.TokenNumber, l.ClaimId, l.Holder, l.ManifestHash, l.MintedAt).Hash(), receipt);
    }
}
