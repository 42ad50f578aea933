using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Chain;
using MicroEvents.Receipts;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>
/// An email-hash voucher's token ends on chain in its claimant's own wallet with nothing sent by them: the voucher
/// mints into the settlement custody account (its receipt leaf names it, as a custodial claim's does), the claimant
/// gets a code over real SMTP and hands the token off, and settlement mints it to their wallet on a real anvil.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class VoucherDeliveryTests(DeliveringSettlementServer server) : IClassFixture<DeliveringSettlementServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task a_voucher_claimed_out_by_email_is_delivered_on_chain_to_the_claimants_wallet()
    {
        var drop = Samples.NewId("voucher-deliver");
        (await server.Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        using var node = await TestNode.Register(server);
        (await server.Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(drop, 2, Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();
        var email = $"dana-{Guid.NewGuid():N}@example.com";
        var voucher = OfflineVouchers.Issue(node.Key, node.Id, drop, 1, null, email, server.Clock.GetUtcNow(), TimeSpan.FromHours(6));
        (await node.Upload([voucher], complete: true)).Reports.Single().Redeemed.Should().Be(1);
        var claimId = VoucherId.ClaimId(node.Id, voucher.VoucherId);
        var path = $"/drops/{drop}/claims/{Uri.EscapeDataString(claimId)}";

        // Held like a custodial claim: the receipt's leaf and the custody route name the custody account.
        ReceiptView? receipt = null;
        await Eventually.True(async () =>
        {
            var response = await server.Anonymous.GetAsync($"{path}/receipt");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            receipt = await response.Content.ReadFromJsonAsync<ReceiptView>(GatewayServer.Json);
            return true;
        }, Patience, "the voucher's receipt sealed");
        receipt!.Leaf.Holder.Should().BeEquivalentTo(TestChain.SignerAddress, "the custody account holds the voucher's token on chain");
        (await server.Anonymous.GetFromJsonAsync<ClaimStatus>($"{path}/custody", GatewayServer.Json))!
            .Should().BeEquivalentTo(new { Custody = Custody.Custodial, Holder = TestChain.SignerAddress });

        (await server.Anonymous.PostJson($"{path}/code", new { email })).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var code = await server.CodeMailedTo(email);
        var own = new TestWallet();
        var challenge = await (await server.Anonymous.PostJson($"/drops/{drop}/challenges", new { wallet = own.Address, kind = "hand-off", claimId })).Read<JsonElement>();
        var handedOff = await server.Anonymous.PostJson($"{path}/handoff", new
        {
            wallet = own.Address, nonce = challenge.GetProperty("nonce").GetString(), expiry = challenge.GetProperty("expiry").GetInt64(),
            signature = own.SignTypedData(challenge.GetProperty("typedData")), code,
        });
        handedOff.StatusCode.Should().Be(HttpStatusCode.OK, await handedOff.Content.ReadAsStringAsync());

        var contract = new DropsContract(server.Chain.Signer(), server.Contract);
        var token = receipt.Leaf.TokenNumber;
        await Eventually.True(async () => await contract.IsClaimed(drop, token), Patience, "the voucher's token minted on chain");
        (await contract.OwnerOf(TokenIds.Of(drop, token))).Should().BeEquivalentTo(own.Address, "minted to the wallet the claimant handed it to");

        JsonElement onchain = default;
        await Eventually.True(async () =>
        {
            var response = await server.Anonymous.GetAsync($"{path}/onchain");
            if (response.StatusCode != HttpStatusCode.OK) return false;
            onchain = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return onchain.GetProperty("delivery").GetProperty("state").GetString() == AnchorStates.Delivered;
        }, Patience, "/onchain says delivered");
        onchain.GetProperty("action").GetString().Should().Be(OnChainActions.AlreadyMinted);
        onchain.GetProperty("handOffTo").GetString().Should().BeEquivalentTo(own.Address);
        onchain.GetProperty("delivery").GetProperty("txHash").GetString().Should().StartWith("0x");
    }
}
