using System.Net;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// A database that refuses writes for a while (a primary being demoted, a standby answering before its promotion:
/// SQLSTATE 25006 read_only_sql_transaction) is an outage, not a refusal of the claim: 503 with Retry-After, and
/// the same claim id succeeds once writes are back, with its token in order.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class ReadOnlyStorageTests(ClaimOutageServer server) : IClassFixture<ClaimOutageServer>
{
    [Fact]
    public async Task a_claim_while_the_database_is_read_only_answers_503_and_succeeds_on_retry_once_writable_again()
    {
        var http = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.OperatorKey);
        var drop = Samples.NewId("readonly");
        (await http.PostJson("/drops", Samples.Drop(drop, supply: 10))).EnsureSuccessStatusCode();
        (await http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        (await http.PostJson($"/drops/{drop}/claims", new { claimId = "before", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);

        await ReadOnlyDatabase.Set(server.Database.ConnectionString, true);
        try
        {
            var during = await http.PostJson($"/drops/{drop}/claims", new { claimId = "during", wallet = Samples.Wallet(2) });
            during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a read-only database is a fail-over in progress, not a refusal of this claim");
            (await during.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
            during.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            await ReadOnlyDatabase.Set(server.Database.ConnectionString, false);
        }

        // As a client does: retry the same claim id after each Retry-After until the store takes writes again.
        var retried = await http.PostJson($"/drops/{drop}/claims", new { claimId = "during", wallet = Samples.Wallet(2) });
        for (var deadline = DateTime.UtcNow.AddSeconds(30); retried.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(retried.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            retried = await http.PostJson($"/drops/{drop}/claims", new { claimId = "during", wallet = Samples.Wallet(2) });
        }
        retried.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        (await retried.Read<ClaimReceipt>()).TokenNumber.Should().Be(2);
        var after = await http.PostJson($"/drops/{drop}/claims", new { claimId = "after", wallet = Samples.Wallet(3) });
        (await after.Read<ClaimReceipt>()).TokenNumber.Should().Be(3, "the drop is not wedged and its numbers have no gap");
    }
}
