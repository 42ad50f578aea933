using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>
/// Three silo processes and a gateway process under sustained claims on 20 drops: the silo hosting
/// the most drops is SIGKILLed; once it is declared dead, the next one is killed and a replacement
/// started. Afterwards the Marten streams alone must account for every answer.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class FailoverTests(ITestOutputHelper output)
{
    private const int Supply = 1_000_000;
    private const int Dead = 6;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task claims_keep_their_promises_when_silos_are_killed_under_load()
    {
        // At the membership timings every silo runs by default (MembershipTimings), not the tests' faster ones:
        // the figures it reports are what an operator gets.
        await using var cluster = await ProcessCluster.Start(silos: 3, fastFailover: false);
        try
        {
            using var http = await cluster.StartGateway();
            var drops = Enumerable.Range(1, 20).Select(i => $"failover-{i:00}").ToList();
            await http.CreateOpen(drops, Supply);

            var traffic = ClaimTraffic.Start(_ => http, drops, workers: 16);
            await Flowing(traffic, 300);

            var first = await KillBusiestSilo(cluster, traffic, drops, replace: false);
            await Flowing(traffic, 300);
            var second = await KillBusiestSilo(cluster, traffic, drops, replace: true);
            await Flowing(traffic, 300);

            var attempts = await traffic.Stop();
            Report(attempts, [first, second]);

            var failed = attempts.Where(a => a.Status is not (200 or 201)).ToList();
            // NotContain, not OnlyContain: a fail-over that fails no claim at all passes too.
            failed.Should().NotContain(a => a.Status != 503 || !a.RetryAfter || a.ProblemType != "/problems/unavailable",
                "a failed claim is a 503 unavailable with Retry-After, never a 500, a dropped connection or a wrong answer");
            (await StreamLedger.Mints(cluster.Connection, cluster.Schema)).ShouldAgreeWith(attempts, Supply);
        }
        catch
        {
            output.WriteLine(cluster.Output());
            throw;
        }
    }

    private sealed record Failover(string Silo, int DropsHosted, TimeSpan KilledAt, TimeSpan DeclaredDead, TimeSpan ServingAgain);

    private static async Task<Failover> KillBusiestSilo(ProcessCluster cluster, ClaimTraffic traffic, IReadOnlyList<string> drops, bool replace)
    {
        var placement = await cluster.Placement(drops);
        var alive = cluster.Silos.Where(s => !s.Process!.HasExited).ToList();
        var victim = alive.MaxBy(s => placement.Count(p => p.Value == s.SiloPort))!;
        var hosted = placement.Where(p => p.Value == victim.SiloPort).Select(p => p.Key).ToList();
        hosted.Should().NotBeEmpty("the killed silo must host drops for the test to mean anything");

        var killedAt = traffic.Now;
        victim.Process!.Kill();
        var replacement = replace ? cluster.StartSilo() : Task.CompletedTask;
        await cluster.WaitForStatus(victim, Dead, Recovery);
        var declaredDead = traffic.Now - killedAt;
        var servingAgain = await traffic.AllDropsServeAfter(killedAt, hosted, Recovery);
        await replacement;
        return new Failover(victim.Name, hosted.Count, killedAt, declaredDead, servingAgain);
    }

    private static Task Flowing(ClaimTraffic traffic, int more)
    {
        var target = traffic.Successes + more;
        return Eventually.True(() => Task.FromResult(traffic.Successes >= target), Recovery, $"claims did not flow ({more} more 2xx)");
    }

    private void Report(IReadOnlyCollection<ClaimAttempt> attempts, IReadOnlyList<Failover> failovers)
    {
        output.WriteLine($"claims: {attempts.Count(a => a.Status is 200 or 201)} answered 2xx of {attempts.Count} attempts over {attempts.Max(a => a.Finished).TotalSeconds:0.0} s");
        var list = failovers;
        foreach (var (f, i) in list.Select((f, i) => (f, i)))
        {
            // Failures answered between this kill and the next one (or the end) belong to this fail-over.
            var until = i + 1 < list.Count ? list[i + 1].KilledAt : TimeSpan.MaxValue;
            var failed = attempts.Where(a => a.Finished >= f.KilledAt && a.Finished < until && a.Status is not (200 or 201)).ToList();
            output.WriteLine($"SIGKILL {f.Silo} (hosting {f.DropsHosted} drops) at {f.KilledAt.TotalSeconds:0.0} s: declared dead after {f.DeclaredDead.TotalSeconds:0.0} s, " +
                $"its drops served claims again after {f.ServingAgain.TotalSeconds:0.0} s; failed requests: " +
                (failed.Count == 0 ? "none" : string.Join(", ", failed.GroupBy(a => a.Status).Select(g => $"{g.Count()} × {g.Key}"))) +
                $" (slowest {failed.Select(a => (a.Finished - a.Started).TotalSeconds).DefaultIfEmpty().Max():0.0} s)");
        }
        output.WriteLine("per 2 s (2xx/failed): " + string.Join(" ", attempts.GroupBy(a => (int)(a.Finished.TotalSeconds / 2)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 2}s:{g.Count(a => a.Status is 200 or 201)}/{g.Count(a => a.Status is not (200 or 201))}")));
        output.WriteLine($"slowest 2xx: {attempts.Where(a => a.Status is 200 or 201).Max(a => a.Finished - a.Started).TotalSeconds:0.00} s; " +
            $"slowest failure: {attempts.Where(a => a.Status is not (200 or 201)).Select(a => (a.Finished - a.Started).TotalSeconds).DefaultIfEmpty().Max():0.0} s");
    }
}
