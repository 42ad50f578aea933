using System.Net;
using System.Text.Json;
using MicroEvents.IntegrationTests.Http;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>The claims gateway on a PostgreSQL of its own, which a test may stop and start again.</summary>
public class ClaimOutageServer : ClaimServer
{
    private readonly DisposablePostgres _postgres = new();

    public LocalPostgres Database => _postgres.Server;

    protected override Task<string> Postgres() => _postgres.ConnectionString();

    /// <summary>An open drop of 10 and a phone's signed custodial claim for it, not sent yet: what every outage test starts from.</summary>
    internal async Task<CustodialAttempt> CustodialClaimOnNewDrop(string prefix)
    {
        var drop = Samples.NewId(prefix);
        (await Http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var phone = new TestWallet();
        var email = $"{prefix}-{Guid.NewGuid():N}@example.com";
        var challenge = await (await Http.PostJson($"/drops/{drop}/challenges", new { wallet = phone.Address, kind = "custodial", email })).Read<JsonElement>();
        var nonce = challenge.GetProperty("nonce").GetString()!;
        var body = new CustodyTests.CustodialBody(phone.Address, nonce, challenge.GetProperty("expiry").GetInt64(),
            phone.SignTypedData(challenge.GetProperty("typedData")), email);
        return new CustodialAttempt(drop, nonce, body);
    }

    /// <summary>
    /// Sends the claim, stops PostgreSQL while a commit fault holds it (<paramref name="held"/>, released by
    /// <paramref name="release"/>), then lets it go on: that first attempt is answered 503.
    /// </summary>
    internal async Task FirstAttemptCaughtByOutage(CustodialAttempt attempt, Task held, TaskCompletionSource release)
    {
        var first = Http.PostJson(attempt.Path, attempt.Body);
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        await Database.StopServerAsync();
        release.SetResult();
        (await first.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    /// <summary>The claim sent again while PostgreSQL is down: its answer, and how long it took.</summary>
    internal async Task<(HttpResponseMessage Answer, TimeSpan Took)> RetryDuringOutage(CustodialAttempt attempt)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var retry = await Http.PostJson(attempt.Path, attempt.Body).WaitAsync(TimeSpan.FromSeconds(40));
        return (retry, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Sends the claim again, as a phone does, until an answer is not 503 (PostgreSQL is back); that answer.</summary>
    internal async Task<HttpResponseMessage> RetryUntilStorageAnswers(CustodialAttempt attempt)
    {
        HttpResponseMessage? after = null;
        await Eventually.True(async () =>
        {
            after = await Http.PostJson(attempt.Path, attempt.Body);
            return after.StatusCode != HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(30), "the custodial claim was still refused with 503 after PostgreSQL came back");
        return after!;
    }

    public override async Task DisposeAsync()
    {
        try
        {
            // Connections pooled before the restart were ended by it: clean up over fresh ones.
            if (_postgres.Started) NpgsqlConnection.ClearPool(new NpgsqlConnection(_postgres.Server.ConnectionString));
            await base.DisposeAsync();
        }
        finally
        {
            // Whatever the cleanup met, the server this fixture started is stopped.
            await _postgres.DisposeAsync();
        }
    }
}

/// <summary>A custodial claim ready to send: its drop, its claim id (the challenge's nonce) and its signed body.</summary>
internal sealed record CustodialAttempt(string Drop, string ClaimId, CustodyTests.CustodialBody Body)
{
    public string Path => $"/drops/{Drop}/custodial-claims";

    public string ClaimStream => CustodyTests.ClaimStreamKey(Drop, ClaimId);
}
