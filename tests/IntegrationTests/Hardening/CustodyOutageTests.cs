using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Http;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// A custodial claim whose first attempt is still waiting for storage when PostgreSQL goes away: its retry
/// answers 503 within the command timeout, and after the outage the retry converges on the one token, one
/// escrow. (A guard: it did not reproduce the unbounded wait of the old raw confirm, which it replaced.)
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class CustodyOutageTests(ClaimOutageServer server) : IClassFixture<ClaimOutageServer>
{
    // The journal's command timeout (4 s) plus slack for a loaded machine.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task a_custody_retry_during_an_outage_answers_503_in_time_and_succeeds_once_after_it()
    {
        var http = server.Http;
        var claim = await server.CustodialClaimOnNewDrop("custody-outage");
        var (drop, body) = (claim.Drop, claim.Body);

        // The mint commits; PostgreSQL stops before the claim stores its escrow, so that append waits for storage.
        var release = new TaskCompletionSource();
        var minted = server.Faults.HoldAfterNextCommitTo($"drop/{drop}", release.Task);
        await server.FirstAttemptCaughtByOutage(claim, minted, release);

        var (retry, took) = await server.RetryDuringOutage(claim);
        retry.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retry.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await retry.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
        retry.Headers.RetryAfter.Should().NotBeNull("a 503 says when to retry");
        took.Should().BeLessThan(Deadline, "a retry resting on an attempt still in flight is bounded by the command timeout");

        await server.Database.StartServerAgainAsync();
        var after = await server.RetryUntilStorageAnswers(claim);
        after.StatusCode.Should().BeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], await after.Content.ReadAsStringAsync());
        var status = await after.Read<MicroEvents.Claims.ClaimStatus>();

        var stream = await server.Journal().ReadEvents(CustodyTests.ClaimStreamKey(drop, status.ClaimId), 1, 100);
        stream.Select(e => e.Type).Should().Equal(["claim.custody_requested.v1", "claim.token_escrowed.v1"], "nothing is stored twice");
        (await http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted.Should().Be(1);
    }
}
