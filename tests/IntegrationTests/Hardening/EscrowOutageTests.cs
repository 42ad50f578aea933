using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Http;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// A custodial claim whose escrow committed but whose reply was lost as PostgreSQL went away: the retry that finds the
/// escrow still pending answers 503 within the command timeout (it once waited on a raw ConfirmEvents until PostgreSQL
/// came back, so the gateway gave up first, after its 5 s response timeout, and the claim actor stayed busy behind it).
/// A PostgreSQL of its own, so no other outage test shares its restarts.
/// </summary>
public class EscrowOutageTests(ClaimOutageServer server) : IClassFixture<ClaimOutageServer>
{
    /// <summary>
    /// The escrow itself is what waits: it committed, its reply was lost, and PostgreSQL went away before the claim
    /// could check it landed. The retry finds that escrow still pending and must not wait for it unbounded (a raw
    /// ConfirmEvents there hung until PostgreSQL came back); after the outage the check finds it landed, once.
    /// </summary>
    [Fact]
    public async Task a_custody_retry_resting_on_an_escrow_waiting_for_storage_answers_503_in_time()
    {
        var http = server.Http;
        var claim = await server.CustodialClaimOnNewDrop("escrow-outage");
        var (drop, body, claimStream) = (claim.Drop, claim.Body, claim.ClaimStream);

        // The claim's second append (its escrow, after the custody request) commits; PostgreSQL stops; its reply is lost.
        var release = new TaskCompletionSource();
        var escrowed = server.Faults.HoldAfterCommitTo(claimStream, release.Task, skip: 1, loseReply: true);
        var first = http.PostJson($"/drops/{drop}/custodial-claims", body);
        await escrowed.WaitAsync(TimeSpan.FromSeconds(30));
        await server.Database.StopServerAsync();
        release.SetResult();
        (await first.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        var started = Stopwatch.GetTimestamp();
        var retry = await http.PostJson($"/drops/{drop}/custodial-claims", body).WaitAsync(TimeSpan.FromSeconds(20));
        var took = Stopwatch.GetElapsedTime(started);
        retry.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await retry.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
        took.Should().BeLessThan(server.Journal().Options.CommandTimeout,
            "a retry resting on an escrow still waiting for storage is answered within the command timeout, not the gateway's longer one");

        await server.Database.StartServerAgainAsync();
        var after = await server.RetryUntilStorageAnswers(claim);
        after.StatusCode.Should().Be(HttpStatusCode.OK, $"the escrow had landed: the retry replays it ({await after.Content.ReadAsStringAsync()})");

        var stream = await server.Journal().ReadEvents(claimStream, 1, 100);
        stream.Select(e => e.Type).Should().Equal(["claim.custody_requested.v1", "claim.token_escrowed.v1"], "nothing is stored twice");
        (await http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted.Should().Be(1);
    }
}
