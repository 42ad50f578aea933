using System.Net;
using System.Net.Http.Json;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// A drop with its own escrow window and the release policy: at the end of escrow an unconfirmed token goes
/// back to the drop by an Orleans reminder against the test clock, across a silo restart (its own cluster:
/// it restarts it, and the gateway's client does not survive that, so later steps talk to the cluster).
/// </summary>
public class ReleasePolicyTests(ClaimServer server) : IClassFixture<ClaimServer>
{
    private readonly CustodyTests _steps = new(server);

    private HttpClient Http => server.Http;

    [Fact]
    public async Task an_unconfirmed_token_goes_back_across_a_silo_restart_and_the_next_claimant_gets_its_number()
    {
        var drop = Samples.NewId("release");
        (await Http.PostJson("/drops", Samples.Drop(drop, supply: 2) with { Custody = new CustodyRules(2, "release") })).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var phone = new TestWallet();
        var email = $"r-{Guid.NewGuid():N}@example.com";
        var status = await (await Http.PostJson($"/drops/{drop}/custodial-claims", await _steps.CustodialClaim(drop, phone, email))).Read<ClaimStatus>();
        status.EscrowUntil.Should().Be(server.Clock.GetUtcNow() + TimeSpan.FromHours(2), "the drop's own window, not the silo's 24 h");
        status.TokenNumber.Should().Be(1);
        var code = await server.CodeMailedTo(email);
        (await Http.PostJson($"/drops/{drop}/claims", new { claimId = "second", wallet = Samples.Wallet(2) })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json)).Should()
            .BeEquivalentTo(new { Minted = 2L, Remaining = 0L, Status = DropStatus.SoldOut });

        var ended = server.Faults.NextAppendTo(CustodyTests.ClaimStreamKey(drop, status.ClaimId));
        await server.Restart();
        // Nothing calls the claim after the restart: only the stored reminder can wake it.
        server.Clock.Set(status.EscrowUntil!.Value);
        await ended.WaitAsync(TimeSpan.FromSeconds(60));

        var claim = server.Client.GetGrain<IClaimGrain>(ClaimKey.Of(drop, status.ClaimId));
        (await claim.GetStatus()).Should().BeEquivalentTo(new { Custody = Custody.Released, Confirmed = false, Holder = "" });
        var claimStream = await server.Journal().ReadEvents(CustodyTests.ClaimStreamKey(drop, status.ClaimId), 1, 100);
        claimStream.Select(e => e.Type).Should().Equal("claim.custody_requested.v1", "claim.token_escrowed.v1", "claim.escrow_ended.v1");
        claimStream[2].DataJson.Should().Contain("released");
        var dropStream = await server.Journal().ReadEvents($"drop/{drop}", 1, 100);
        dropStream.Where(e => e.Type == "drop.token_released.v1").Should().ContainSingle().Which.DataJson.Should().Contain(status.ClaimId);
        var dropGrain = server.Client.GetGrain<IDropGrain>(drop);
        (await dropGrain.GetSummary()).Should().BeEquivalentTo(new { Minted = 1L, Remaining = 1L, Status = DropStatus.Open });

        (await FluentActions.Awaiting(() => claim.Confirm(code, phone.Address)).Should().ThrowAsync<Rejected>())
            .Which.Code.Should().Be(ClaimRejectionCodes.TokenReleased);
        (await FluentActions.Awaiting(() => dropGrain.GetClaim(status.ClaimId)).Should().ThrowAsync<Rejected>())
            .Which.Code.Should().Be(ClaimRejectionCodes.TokenReleased);

        var next = await dropGrain.Claim(new ClaimToken("third", Samples.Wallet(3), null));
        next.Receipt.TokenNumber.Should().Be(1, "the released number goes out before any new one");
        (await dropGrain.GetSummary()).Should().BeEquivalentTo(new { Minted = 2L, Remaining = 0L });

        // The re-issued number has a receipt of its own that verifies: the leaf names the new claim.
        var sealer = server.Client.GetGrain<IReceiptSealerGrain>(drop);
        var signer = await sealer.GetSigner();
        var reissued = await ReceiptOf(sealer, "third");
        reissued.Leaf.Should().BeEquivalentTo(new { TokenNumber = 1L, ClaimId = "third", Holder = Samples.Wallet(3) });
        ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(reissued), signer).Should().Be(ReceiptVerdict.Valid);
        ReceiptVerifier.Verify(Gateway.Receipts.ReceiptEndpoints.ToBatchReceipt(await ReceiptOf(sealer, "second")), signer).Should().Be(ReceiptVerdict.Valid);
        (await FluentActions.Awaiting(() => sealer.GetReceipt(status.ClaimId)).Should().ThrowAsync<Rejected>())
            .Which.Code.Should().Be(ClaimRejectionCodes.TokenReleased);
    }

    // Sealing runs in the background; a receipt request seals what is pending itself, so one retry is enough.
    private static async Task<ReceiptView> ReceiptOf(IReceiptSealerGrain sealer, string claimId)
    {
        try { return await sealer.GetReceipt(claimId); }
        catch (Rejected r) when (r.Code == RejectionCodes.ClaimNotFound) { return await sealer.GetReceipt(claimId); }
    }
}
