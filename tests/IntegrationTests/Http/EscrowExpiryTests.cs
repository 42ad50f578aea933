using MicroEvents.Claims;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>Escrow ends by an Orleans reminder against the test clock, also after the silo restarted (its own cluster: it restarts it).</summary>
public class EscrowExpiryTests(ClaimServer server) : IClassFixture<ClaimServer>
{
    private readonly CustodyTests _steps = new(server);

    private HttpClient Http => server.Http;

    [Fact]
    public async Task an_unconfirmed_escrow_ends_by_reminder_and_stays_in_custody_across_a_silo_restart()
    {
        var drop = await _steps.OpenDrop();
        var phone = new TestWallet();
        var status = await (await Http.PostJson($"/drops/{drop}/custodial-claims", await _steps.CustodialClaim(drop, phone, $"d-{Guid.NewGuid():N}@example.com")))
            .Read<ClaimStatus>();
        status.EscrowUntil.Should().Be(server.Clock.GetUtcNow() + ClaimServer.Escrow);

        var ended = server.Faults.NextAppendTo(CustodyTests.ClaimStreamKey(drop, status.ClaimId));
        await server.Restart();
        // Nothing calls the claim after the restart: only the stored reminder can wake it.
        server.Clock.Set(status.EscrowUntil!.Value);
        await ended.WaitAsync(TimeSpan.FromSeconds(60));

        var claim = server.Client.GetGrain<IClaimGrain>(ClaimKey.Of(drop, status.ClaimId));
        var after = await claim.GetStatus();
        after.Should().BeEquivalentTo(new { Custody = Custody.Custodial, Confirmed = false, Holder = phone.Address });
        var stream = await server.Journal().ReadEvents(CustodyTests.ClaimStreamKey(drop, status.ClaimId), 1, 100);
        stream.Select(e => e.Type).Should().Equal("claim.custody_requested.v1", "claim.token_escrowed.v1", "claim.escrow_ended.v1");
        stream[2].DataJson.Should().Contain("kept");
    }
}
