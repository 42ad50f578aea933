using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>A silo stopped with SIGTERM (a deployment, a scale-in) hands its drops to the others without failing a claim.</summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Supply = 1_000_000;

    [Fact]
    public async Task a_silo_stopped_with_sigterm_hands_its_drops_off_and_no_claim_fails()
    {
        await using var cluster = await ProcessCluster.Start(silos: 3, environment: ProcessCluster.WithoutBackgroundWork);
        try
        {
            using var http = await cluster.StartGateway();
            var drops = Enumerable.Range(1, 20).Select(i => $"graceful-{i:00}").ToList();
            await http.CreateOpen(drops, Supply);

            var traffic = ClaimTraffic.Start(_ => http, drops, workers: 16);
            await Eventually.True(() => Task.FromResult(traffic.Successes >= 300), TimeSpan.FromSeconds(60), "claims did not flow");
            // Three fresh silos, a gateway, the projection daemon and receipt sealing all warm up at once on a small
            // machine: a first claim can pass its 4 s deadline there (503 + Retry-After, nothing stored). The promise
            // under test is the hand-off's, so it is judged on claims started once every drop has answered.
            var warm = await traffic.AllDropsServeAfter(TimeSpan.Zero, drops, TimeSpan.FromSeconds(60));

            var placement = await cluster.Placement(drops);
            var leaving = cluster.Silos.MaxBy(s => placement.Count(p => p.Value == s.SiloPort))!;
            var handedOff = placement.Where(p => p.Value == leaving.SiloPort).Select(p => p.Key).ToList();
            handedOff.Should().NotBeEmpty();

            var stoppedAt = traffic.Now;
            leaving.Process!.Terminate();
            (await leaving.Process.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(0, "SIGTERM stops a silo cleanly");
            var stopTook = traffic.Now - stoppedAt;
            var servingAgain = await traffic.AllDropsServeAfter(traffic.Now, handedOff, TimeSpan.FromSeconds(60));
            var target = traffic.Successes + 300;
            await Eventually.True(() => Task.FromResult(traffic.Successes >= target), TimeSpan.FromSeconds(60), "claims did not flow after the hand-off");

            var attempts = await traffic.Stop();
            output.WriteLine($"SIGTERM {leaving.Name} (hosting {handedOff.Count} drops): exited after {stopTook.TotalSeconds:0.0} s; its drops served again " +
                $"{servingAgain.TotalSeconds:0.0} s after that; {attempts.Count(a => a.Status is 200 or 201)} claims answered 2xx of {attempts.Count}");
            (await cluster.Placement(handedOff)).Values.Should().NotContain(leaving.SiloPort);
            attempts.Where(a => a.Started >= warm).Should().OnlyContain(a => a.Status == 200 || a.Status == 201, "a graceful hand-off fails no claim");
            attempts.Should().NotContain(a => a.Status != 200 && a.Status != 201 && (a.Status != 503 || !a.RetryAfter),
                "a claim refused while the cluster warms up is a retryable 503");
            (await StreamLedger.Mints(cluster.Connection, cluster.Schema)).ShouldAgreeWith(attempts, Supply);
        }
        catch
        {
            output.WriteLine(cluster.Output());
            throw;
        }
    }
}
