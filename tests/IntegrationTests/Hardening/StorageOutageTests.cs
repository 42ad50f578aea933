using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// PostgreSQL stopped and started again under sustained claims: every answer comes within 5 s, the
/// failures are 503 with Retry-After, claims heal without a restart, and a claim retried with the
/// same id returns its stored token or is decided afresh: nothing lost, nothing twice, no gap.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class StorageOutageTests(OutageServer server) : IClassFixture<OutageServer>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task claims_fail_fast_during_an_outage_and_heal_after_it_with_nothing_lost_or_doubled()
    {
        var http = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.OperatorKey);
        var ids = Enumerable.Range(0, 3).Select(_ => Samples.NewId("outage")).ToArray();
        foreach (var id in ids)
        {
            await http.PostJson("/drops", Samples.Drop(id, supply: 100_000, perWalletLimit: 100_000));
            await http.PostAsync($"/drops/{id}/open", null);
        }

        var answers = new ConcurrentBag<(int Status, TimeSpan Took, DateTimeOffset At, bool RetryAfter)>();
        var receipts = new ConcurrentDictionary<(string Drop, string Claim), long>();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; !stopLoad.IsCancellationRequested; n++)
            {
                var (drop, claimId) = (ids[n % ids.Length], $"w{worker}-{n}");
                // A phone retries the same claim id until it gets an answer that is not 503.
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await http.PostJson($"/drops/{drop}/claims", new { claimId, wallet = Samples.Wallet(worker) });
                    answers.Add(((int)answer.StatusCode, Stopwatch.GetElapsedTime(started), DateTimeOffset.UtcNow, answer.Headers.RetryAfter is not null));
                    if (answer.StatusCode != HttpStatusCode.ServiceUnavailable)
                    {
                        if (answer.IsSuccessStatusCode) receipts[(drop, claimId)] = (await answer.Read<ClaimReceipt>()).TokenNumber;
                        break;
                    }
                    await Task.Delay(100);
                }
            }
        })).ToArray();

        await WaitFor(() => receipts.Count >= 200, "claims flow before the outage");
        await server.Database.StopServerAsync();
        var down = DateTimeOffset.UtcNow;
        await WaitFor(() => answers.Any(a => a.Status == 503 && a.At > down), "claims are refused with 503 during the outage");
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        foreach (var read in new[] { $"/drops/{ids[0]}/events", "/drops/never-activated-during-outage" })
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await http.GetAsync(read);
            answer.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{read} needs storage: 503, never 500");
            (await answer.Problem()).GetProperty("type").GetString().Should().Be("/problems/unavailable");
            Stopwatch.GetElapsedTime(started).Should().BeLessThan(Deadline, read);
        }
        await WaitFor(() => answers.Count(a => a.At > down) >= 50, "refusals keep coming fast");

        await server.Database.StartServerAgainAsync();
        var up = DateTimeOffset.UtcNow;
        var healed = receipts.Count;
        await WaitFor(() => receipts.Count >= healed + 200, "claims are served again without a restart", TimeSpan.FromSeconds(20));
        var firstAfter = answers.Where(a => a.At > up && a.Status is 200 or 201).Min(a => a.At);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        answers.Select(a => a.Status).Distinct().Should().BeSubsetOf([200, 201, 503], "failures are only ever 503");
        answers.Where(a => a.Status == 503).Should().NotContain(a => !a.RetryAfter, "every 503 says when to retry");
        answers.Max(a => a.Took).Should().BeLessThan(Deadline, "no request hangs, outage or not");
        (firstAfter - up).Should().BeLessThan(TimeSpan.FromSeconds(10), "claims heal within seconds of PostgreSQL's return");
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var session = server.Store.QuerySession();
        foreach (var id in ids)
        {
            var mints = (await session.Events.FetchStreamAsync($"drop/{id}")).Select(e => e.Data).OfType<TokenMinted>().ToList();
            mints.Select(m => m.TokenNumber).Should().Equal(Enumerable.Range(1, mints.Count).Select(n => (long)n), "tokens are gapless");
            mints.Select(m => m.ClaimId).Should().OnlyHaveUniqueItems("no claim is stored twice");
            var stored = mints.ToDictionary(m => m.ClaimId, m => m.TokenNumber);
            foreach (var ((drop, claim), token) in receipts.Where(r => r.Key.Drop == id))
                stored.Should().Contain(claim, token, "every acknowledged claim is stored with the token it was told");
        }
    }

    private static async Task WaitFor(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)((within ?? TimeSpan.FromSeconds(15)).TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > until) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
