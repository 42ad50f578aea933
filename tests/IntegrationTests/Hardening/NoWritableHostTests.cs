using System.Net;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// Between the loss of a primary and its standby's promotion, a multi-host pool finds no writable server and
/// Npgsql says "No suitable host was found." (no SQLSTATE): an outage, so 503 and a retry that succeeds, never a
/// 500 for a claim the promoted server would have taken.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class NoWritableHostTests(MultiHostClaimServer server) : IClassFixture<MultiHostClaimServer>
{
    [Fact]
    public async Task a_claim_while_no_host_accepts_writes_answers_503_and_succeeds_on_retry_once_one_does()
    {
        var http = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.OperatorKey);
        var drop = Samples.NewId("nohost");
        (await http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        (await http.PostJson($"/drops/{drop}/claims", new { claimId = "before", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);

        // Read-only by default, and every session of this fixture's own server ended: the pools must connect again,
        // and every new connection finds the only host unsuitable for writes.
        await ReadOnlyDatabase.Set(server.Database.ConnectionString, true);
        await EndSessions(server.Database.ConnectionString);
        try
        {
            var during = await http.PostJson($"/drops/{drop}/claims", new { claimId = "during", wallet = Samples.Wallet(2) });
            during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "no writable host yet is a fail-over in progress, not a refusal of this claim");
            (await during.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
        }
        finally
        {
            await ReadOnlyDatabase.Set(server.Database.ConnectionString, false);
        }

        // The pool re-checks the host after Host Recheck Seconds; the client retries as Retry-After says.
        await Eventually.True(async () =>
        {
            var retried = await http.PostJson($"/drops/{drop}/claims", new { claimId = "during", wallet = Samples.Wallet(2) });
            return retried.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK && (await retried.Read<ClaimReceipt>()).TokenNumber == 2;
        }, TimeSpan.FromSeconds(30), "the retried claim never got token 2");
    }

    private static async Task EndSessions(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
        await command.ExecuteScalarAsync();
    }
}
