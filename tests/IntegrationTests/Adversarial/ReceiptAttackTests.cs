using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Gateway.Receipts;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Adversarial;

/// <summary>
/// Receipts under attack: a receipt signed by any key but the drop's is never `valid`, and anonymous reads of a
/// drop that does not exist leave no actor, timer or log flood behind (reading must not create).
/// </summary>
[Collection(NodeAttackCluster.Name)]
public class ReceiptAttackTests(NodeAttackServer server)
{
    [Fact]
    public async Task a_receipt_forged_with_any_key_is_not_valid_when_verified_without_a_signer()
    {
        var drop = await OpenDrop();
        (await server.Http.PostJson($"/drops/{drop}/claims", new { claimId = "genuine", wallet = Samples.Wallet(1) })).EnsureSuccessStatusCode();
        var genuine = (await server.Anonymous.GetFromJsonAsync<ReceiptView>($"/drops/{drop}/claims/genuine/receipt", GatewayServer.Json))!;
        var forged = Forge(genuine with { Leaf = genuine.Leaf with { Holder = Samples.Wallet(666), TokenNumber = 2 } });
        ReceiptVerifier.Verify(ReceiptEndpoints.ToBatchReceipt(forged)).Should().Be(ReceiptVerdict.Valid, "the forgery is consistent in itself");

        (await Verify(forged)).Should().Be((false, "unexpectedSigner"), "without ?signer= the drop's own published key is the one trusted");
        (await Verify(genuine)).Should().Be((true, "valid"));
    }

    [Fact]
    public async Task a_forged_receipt_for_a_drop_that_has_signed_nothing_yet_is_not_valid_and_makes_no_key()
    {
        var drop = await OpenDrop();
        var forged = Forge(new ReceiptView(new ReceiptLeafView(drop, 1, "made-up", Samples.Wallet(7), "0x" + new string('a', 64), 1764000000), [], "", "", ""));

        (await Verify(forged)).Should().Be((false, "unexpectedSigner"));
        await using var session = server.Store.QuerySession();
        (await session.LoadAsync<DropSigningKey>(drop)).Should().BeNull("verifying is a read: it creates no signing key");
    }

    [Fact]
    public async Task anonymous_reads_of_an_unknown_drop_answer_404_and_activate_no_sealer()
    {
        var unknown = Samples.NewId("nowhere");
        var linesBefore = server.Logs.Lines.Count;

        foreach (var path in new[] { $"/drops/{unknown}/signer", $"/drops/{unknown}/claims/c1/receipt" })
        {
            var response = await server.Anonymous.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Problem()).GetProperty("type").GetString().Should().Be("/problems/drop-not-found");
        }
        (await Activations(unknown)).Should().Be(0, "a read of something that does not exist leaves no actor behind");

        var verify = await server.Anonymous.PostAsJsonAsync("/receipts/verify",
            Forge(new ReceiptView(new ReceiptLeafView(unknown, 1, "c1", Samples.Wallet(7), "0x" + new string('a', 64), 1764000000), [], "", "", "")), GatewayServer.Json);
        verify.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Activations(unknown)).Should().Be(0, "verifying is a read too");
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two sealing periods: an endless timer would have logged by now
        Flood(linesBefore).Should().BeEmpty();
    }

    [Fact]
    public async Task a_sealer_woken_for_a_drop_that_does_not_exist_stops_its_timer_and_deactivates()
    {
        var unknown = Samples.NewId("ghost");
        var linesBefore = server.Logs.Lines.Count;

        await server.Client.GetGrain<IReceiptSealerGrain>(unknown).Poke(); // what a stale mint-feed delivery does

        await Eventually.True(async () => await Activations(unknown) == 0, TimeSpan.FromSeconds(15), "the sealer deactivates once it finds no drop");
        Flood(linesBefore).Should().BeEmpty("a missing drop is not an error to log every second");
    }

    private List<string> Flood(int linesBefore) =>
        server.Logs.Lines.Skip(linesBefore).Where(l => l.Contains("No such drop", StringComparison.Ordinal)).ToList();

    private Task<int> Activations(string dropId) =>
        server.Client.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)server.Client.GetGrain<IReceiptSealerGrain>(dropId));

    /// <summary>A one-leaf tree whose root the attacker signs with a key of their own, named as the receipt's signer.</summary>
    private static ReceiptView Forge(ReceiptView receipt)
    {
        var attacker = EthECKey.GenerateKey();
        var root = ReceiptEndpoints.ToBatchReceipt(receipt with { Proof = [] }).Leaf.Hash();
        return receipt with { Proof = [], Root = RootSignature.Hex(root), Signature = RootSignature.Sign(root, attacker), Signer = attacker.GetPublicAddress() };
    }

    private async Task<(bool Valid, string Verdict)> Verify(ReceiptView receipt)
    {
        var response = await server.Anonymous.PostAsJsonAsync("/receipts/verify", receipt, GatewayServer.Json);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Read<JsonElement>();
        return (body.GetProperty("valid").GetBoolean(), body.GetProperty("verdict").GetString()!);
    }

    private async Task<string> OpenDrop()
    {
        var id = Samples.NewId("forgery");
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 5))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }
}
