using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Http;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// A custodial claim whose escrow committed but stalled, its reply then lost as PostgreSQL went away: the retry that
/// finds the escrow still pending answers 503 within the command timeout (it once waited on a raw ConfirmEvents until
/// storage answered, so the gateway gave up first, after its 5 s response timeout, and the claim actor stayed busy behind it).
/// A PostgreSQL of its own, so no other outage test shares its restarts.
/// </summary>
[Trait(Category.Name, Category.Slow)]
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

        // The claim's second append (its escrow, after the custody request) commits and then stalls, as storage that
        // stopped answering does: the first attempt is answered 503 by its command timeout, the escrow still pending.
        var release = new TaskCompletionSource();
        var escrowed = server.Faults.HoldAfterCommitTo(claimStream, release.Task, skip: 1, loseReply: true);
        var first = http.PostJson(claim.Path, body);
        await escrowed.WaitAsync(TimeSpan.FromSeconds(30));
        (await first.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        // The phone retries while the escrow still waits for storage: a raw ConfirmEvents here waited until storage came
        // back (the gateway gave up first, after its 5 s response timeout); it must be a 503 within the command timeout.
        var (retry, took) = await server.RetryDuringOutage(claim);
        retry.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await retry.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
        // The command timeout plus slack for a loaded machine; the raw confirm took the gateway's 30 s.
        took.Should().BeLessThan(server.Journal().Options.CommandTimeout + TimeSpan.FromSeconds(2),
            "a retry resting on an escrow still waiting for storage is answered within the command timeout, not the gateway's longer one");

        // PostgreSQL goes away and the stalled append's reply is lost: after the outage the claim checks it landed, once.
        await server.Database.StopServerAsync();
        release.SetResult();
        await server.Database.StartServerAgainAsync();
        var after = await server.RetryUntilStorageAnswers(claim);
        after.StatusCode.Should().Be(HttpStatusCode.OK, $"the escrow had landed: the retry replays it ({await after.Content.ReadAsStringAsync()})");

        var stream = await server.Journal().ReadEvents(claimStream, 1, 100);
        stream.Select(e => e.Type).Should().Equal(["claim.custody_requested.v1", "claim.token_escrowed.v1"], "nothing is stored twice");
        (await http.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!.Minted.Should().Be(1);
    }
}
