using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>Signed batch receipts through the real gateway, checked by the verify endpoint and by the CLI verb as a separate process.</summary>
[Collection(SharedClaimServer.Name)]
public class ReceiptTests(ClaimServer server)
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task every_claim_of_concurrent_batches_gets_a_receipt_that_verifies_against_the_drops_signer()
    {
        var drop = await OpenDrop(supply: 60);
        var grain = server.Client.GetGrain<IDropGrain>(drop);
        await Task.WhenAll(Enumerable.Range(1, 60).Select(i => grain.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), null))));
        var signer = (await Http.GetFromJsonAsync<JsonElement>($"/drops/{drop}/signer")).GetProperty("address").GetString()!;

        var receipts = new List<ReceiptView>();
        foreach (var i in Enumerable.Range(1, 60))
        {
            var receipt = await Http.GetFromJsonAsync<ReceiptView>($"/drops/{drop}/claims/c-{i}/receipt", GatewayServer.Json);
            receipt!.Signer.Should().Be(signer);
            receipt.Leaf.ClaimId.Should().Be($"c-{i}");
            ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(receipt), signer).Should().Be(ReceiptVerdict.Valid);
            receipts.Add(receipt);
        }

        receipts.Select(r => r.Leaf.TokenNumber).Should().BeEquivalentTo(Enumerable.Range(1, 60).Select(i => (long)i));
        var sealedBatches = (await server.Journal().ReadEvents($"drop/{drop}", 1, 1000)).Where(e => e.Type == "drop.batch_sealed.v1").ToList();
        sealedBatches.Should().NotBeEmpty();
        sealedBatches.Count.Should().Be(receipts.Select(r => r.Root).Distinct().Count(), "one signed root per append");
        sealedBatches.Count.Should().BeLessThan(60, "concurrent claims share appends, so batches hold several mints");
    }

    [Fact]
    public async Task sealing_starts_on_mint_and_the_root_and_signer_are_in_the_drops_stream_without_a_receipt_request()
    {
        var drop = await OpenDrop(supply: 5);
        var minted = await Http.PostJson($"/drops/{drop}/claims", new { claimId = "early", wallet = Samples.Wallet(1) });
        minted.StatusCode.Should().Be(HttpStatusCode.Created);
        var mintVersion = (await Summary(drop)).Version;

        await Eventually.True(async () => (await Summary(drop)).SealedThrough >= mintVersion, TimeSpan.FromSeconds(30),
            "the mint feed wakes the sealer, which records the root in the drop's stream");

        var stream = await server.Journal().ReadEvents($"drop/{drop}", 1, 100);
        var seal = stream.Should().ContainSingle(e => e.Type == "drop.batch_sealed.v1").Which;
        seal.Version.Should().BeGreaterThan(mintVersion);
        var signer = (await Http.GetFromJsonAsync<JsonElement>($"/drops/{drop}/signer")).GetProperty("address").GetString();
        (await Summary(drop)).Signer.Should().Be(signer);
        seal.DataJson.Should().Contain(signer!);

        var receipt = await Http.GetFromJsonAsync<ReceiptView>($"/drops/{drop}/claims/early/receipt", GatewayServer.Json);
        ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(receipt!), signer).Should().Be(ReceiptVerdict.Valid);
        (await server.Journal().ReadEvents($"drop/{drop}", 1, 100)).Count(e => e.Type == "drop.batch_sealed.v1").Should().Be(1, "each append is sealed once");
    }

    [Fact]
    public async Task the_verify_endpoint_accepts_a_receipt_and_names_what_was_tampered_with()
    {
        var (drop, receipt) = await OneReceipt();
        var signer = receipt.Signer;

        (await Verify(receipt, signer)).Should().Be((true, "valid"));
        (await Verify(receipt with { Leaf = receipt.Leaf with { Holder = Samples.Wallet(99) } }, signer)).Should().Be((false, "proofMismatch"));
        (await Verify(receipt with { Leaf = receipt.Leaf with { TokenNumber = 2 } }, signer)).Should().Be((false, "proofMismatch"));
        (await Verify(receipt with { Signature = receipt.Signature[..^4] + (receipt.Signature[^4] == 'a' ? "b" : "a") + receipt.Signature[^3..] }, signer))
            .Valid.Should().BeFalse();
        (await Verify(receipt, Samples.Wallet(7))).Should().Be((false, "unexpectedSigner"));

        var malformed = await Http.PostJson("/receipts/verify", new { root = "0x12" });
        (await malformed.Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        (await Http.GetAsync($"/drops/{drop}/claims/no-such-claim/receipt")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_cli_verb_verifies_a_receipt_file_with_no_server_and_detects_tampering()
    {
        var (_, receipt) = await OneReceipt();
        var file = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.json");
        var tampered = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(receipt, GatewayServer.Json));
            await File.WriteAllTextAsync(tampered, JsonSerializer.Serialize(receipt with { Leaf = receipt.Leaf with { ClaimId = "forged" } }, GatewayServer.Json));

            await using (var ok = ServiceProcess.Start("MicroEvents.Silo.dll", ["verify-receipt", file, "--signer", receipt.Signer]))
            {
                (await ok.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, ok.Output);
                ok.Output.Should().Contain("valid: token 1");
            }
            await using (var bad = ServiceProcess.Start("MicroEvents.Silo.dll", ["verify-receipt", tampered, "--signer", receipt.Signer]))
            {
                (await bad.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, bad.Output);
                bad.Output.Should().Contain("invalid: ProofMismatch");
            }
            await using (var stranger = ServiceProcess.Start("MicroEvents.Silo.dll", ["verify-receipt", file, "--signer", Samples.Wallet(5)]))
                (await stranger.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, stranger.Output);
        }
        finally
        {
            File.Delete(file);
            File.Delete(tampered);
        }
    }

    private async Task<(bool Valid, string Verdict)> Verify(ReceiptView receipt, string signer)
    {
        var response = await Http.PostJson($"/receipts/verify?signer={signer}", receipt);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Read<JsonElement>();
        return (body.GetProperty("valid").GetBoolean(), body.GetProperty("verdict").GetString()!);
    }

    private async Task<(string Drop, ReceiptView Receipt)> OneReceipt()
    {
        var drop = await OpenDrop(supply: 5);
        (await Http.PostJson($"/drops/{drop}/claims", new { claimId = "only", wallet = Samples.Wallet(1) })).EnsureSuccessStatusCode();
        return (drop, (await Http.GetFromJsonAsync<ReceiptView>($"/drops/{drop}/claims/only/receipt", GatewayServer.Json))!);
    }

    private async Task<DropSummary> Summary(string drop) => (await Http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!;

    private async Task<string> OpenDrop(long supply)
    {
        var id = Samples.NewId("receipts");
        (await Http.PostJson("/drops", Samples.Drop(id, supply: supply))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }
}
