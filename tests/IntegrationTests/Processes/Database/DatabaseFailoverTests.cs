using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Processes.Cluster;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Database;

/// <summary>
/// The database primary lost under load: a silo started with <c>run --standby</c> serves claims over HTTP, the
/// primary's postmaster gets <c>kill -9</c>, <c>db promote</c> makes the standby the primary, claims go on. The
/// promoted server's streams must hold every acknowledged claim once, with the token it was told, gapless.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class DatabaseFailoverTests(ITestOutputHelper output)
{
    private const int Supply = 1_000_000;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task killing_the_primary_and_promoting_the_standby_loses_and_doubles_no_acknowledged_claim()
    {
        await using var silo = new LocalDatabaseSilo(standby: true);
        try
        {
            var starting = System.Diagnostics.Stopwatch.StartNew();
            using var http = await silo.Start();
            output.WriteLine($"run --standby ready after {starting.Elapsed.TotalSeconds:0.0} s (initdb, pg_basebackup, both servers, the silo)");
            File.Exists(Path.Combine(silo.StandbyDirectory, "standby.signal")).Should().BeTrue("--standby starts a streaming standby");
            var drops = Enumerable.Range(1, 4).Select(i => $"dbfail-{i}").ToList();
            await http.CreateOpen(drops, Supply);

            var traffic = ClaimTraffic.Start(_ => http, drops, workers: 8);
            await Flowing(traffic, 300);

            var (primaryPid, _) = LocalDatabaseSilo.Server(silo.PrimaryDirectory);
            var killedAt = traffic.Now;
            System.Diagnostics.Process.GetProcessById(primaryPid).Kill(); // SIGKILL of the postmaster
            var (exit, said) = await silo.Verb("db", "promote");
            exit.Should().Be(0, said);
            var promotedAt = traffic.Now;
            var servingAgain = await traffic.AllDropsServeAfter(promotedAt, drops, Recovery);
            await Flowing(traffic, 300);
            var attempts = await traffic.Stop();

            Report(attempts, killedAt, promotedAt, servingAgain);
            // NotContain, not OnlyContain: a fail-over that fails no claim at all passes too.
            attempts.Where(a => a.Status is not (200 or 201)).Should().NotContain(a => a.Status != 503 || !a.RetryAfter || a.ProblemType != "/problems/unavailable",
                "a claim caught by the fail-over is a 503 with Retry-After, never a 500, a dropped connection or a wrong answer");
            var mints = await StreamLedger.Mints(silo.Connection(), "microevents");
            mints.ShouldAgreeWith(attempts, Supply);
            attempts.Where(a => a.Started > promotedAt && a.Status is 200 or 201).Should().NotBeEmpty("claims are served by the promoted standby");
        }
        catch
        {
            output.WriteLine(silo.Process?.Output);
            throw;
        }
    }

    private static Task Flowing(ClaimTraffic traffic, int more)
    {
        var target = traffic.Successes + more;
        return Eventually.True(() => Task.FromResult(traffic.Successes >= target), Recovery, $"claims did not flow ({more} more 2xx)");
    }

    private void Report(IReadOnlyCollection<ClaimAttempt> attempts, TimeSpan killedAt, TimeSpan promotedAt, TimeSpan servingAgain)
    {
        var ok = attempts.Where(a => a.Status is 200 or 201).Select(a => a.Finished).Order().ToList();
        var lastBefore = ok.Where(t => t <= killedAt).DefaultIfEmpty(killedAt).Max();
        var firstAfter = ok.Where(t => t > killedAt).DefaultIfEmpty(killedAt).Min();
        // A retry of a claim committed before the kill is answered 200 from the drop's memory; a new mint (201) needs the database.
        var minted = attempts.Where(a => a.Status == 201).Select(a => a.Finished).ToList();
        var lastMintBefore = minted.Where(t => t <= killedAt).DefaultIfEmpty(killedAt).Max();
        var firstMintAfter = minted.Where(t => t > killedAt).DefaultIfEmpty(killedAt).Min();
        var failed = attempts.Where(a => a.Status is not (200 or 201)).ToList();
        output.WriteLine($"claims: {ok.Count} answered 2xx of {attempts.Count} attempts over {attempts.Max(a => a.Finished).TotalSeconds:0.0} s");
        output.WriteLine($"kill -9 of the primary at {killedAt.TotalSeconds:0.0} s; `db promote` done {(promotedAt - killedAt).TotalSeconds:0.0} s later; " +
            $"every drop served again {servingAgain.TotalSeconds:0.0} s after the promotion");
        output.WriteLine($"time without any 2xx: {(firstAfter - lastBefore).TotalSeconds:0.0} s; without a new claim minted (201): {(firstMintAfter - lastMintBefore).TotalSeconds:0.0} s; failed requests: " +
            (failed.Count == 0 ? "none" : string.Join(", ", failed.GroupBy(a => a.Status).Select(g => $"{g.Count()} × {g.Key}"))) +
            $" (slowest {failed.Select(a => (a.Finished - a.Started).TotalSeconds).DefaultIfEmpty().Max():0.0} s)");
    }
}
