using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>
/// The worst case of a membership disagreement: two silos that do not know each other (two cluster
/// ids on one schema) each run an activation of the same drop and take claims for it at once. Only
/// the stream version decides: one append wins per version, the loser re-reads, nothing oversells.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class TwoActivationsTests(ITestOutputHelper output)
{
    private const int Supply = 400;

    [Fact]
    public async Task two_activations_of_one_drop_on_two_silos_never_oversell()
    {
        var schema = TestPostgres.NewSchema();
        await using var left = await ProcessCluster.Start(silos: 1, clusterId: "left", schema: schema);
        await using var right = await ProcessCluster.Start(silos: 1, clusterId: "right", schema: schema);
        try
        {
            using var viaLeft = new HttpClient { BaseAddress = new Uri(left.Silos[0].Url), Timeout = TimeSpan.FromSeconds(60) }.Authorized(left.OperatorKey);
            using var viaRight = new HttpClient { BaseAddress = new Uri(right.Silos[0].Url), Timeout = TimeSpan.FromSeconds(60) }.Authorized(right.OperatorKey);
            (await viaLeft.PostJson("/drops", Samples.Drop("contested", supply: Supply))).StatusCode.Should().Be(HttpStatusCode.Created);
            (await viaLeft.PostAsync("/drops/contested/open", null)).EnsureSuccessStatusCode();
            (await viaRight.GetAsync("/drops/contested")).EnsureSuccessStatusCode();

            // Both activations hold version 2. The right one mints token 1; the left one, still at version 2,
            // loses its append, re-reads, and mints token 2 instead of a second token 1.
            (await (await viaRight.PostJson("/drops/contested/claims", new { claimId = "r-first", wallet = Samples.Wallet(900_001) })).Read<MicroEvents.Drops.ClaimReceipt>()).TokenNumber.Should().Be(1);
            (await (await viaLeft.PostJson("/drops/contested/claims", new { claimId = "l-second", wallet = Samples.Wallet(900_002) })).Read<MicroEvents.Drops.ClaimReceipt>()).TokenNumber.Should().Be(2);

            var traffic = ClaimTraffic.Start(w => w % 2 == 0 ? viaLeft : viaRight, ["contested"], workers: 12);
            await Eventually.True(() => Task.FromResult(traffic.Attempts.Count(a => a.ProblemType == "/problems/sold-out") >= 20),
                TimeSpan.FromSeconds(90), "the drop never sold out");
            var attempts = await traffic.Stop();

            var ok = attempts.Where(a => a.Status is 200 or 201).ToList();
            output.WriteLine($"{attempts.Count} attempts: " + string.Join(", ", attempts.GroupBy(a => a.ProblemType ?? a.Status.ToString()).Select(g => $"{g.Count()} × {g.Key}")));
            var mints = await StreamLedger.Mints(left.Connection, schema);
            mints.ShouldAgreeWith(attempts, Supply);
            mints.Should().HaveCount(Supply, "the drop sold out exactly");
            ok.Select(a => a.ClaimId).Distinct().Should().HaveCount(Supply - 2, "every other token went to exactly one answered claim");
            attempts.Should().OnlyContain(a => a.Status == 200 || a.Status == 201 || a.Status == 409 || a.Status == 503, "no 500, no dropped connection");
        }
        catch
        {
            output.WriteLine(left.Output() + right.Output());
            throw;
        }
    }
}
