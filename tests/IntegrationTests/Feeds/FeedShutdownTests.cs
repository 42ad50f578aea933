using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>A feed whose handler calls another actor, held in its batch until the test lets it go.</summary>
public sealed class HeldFeedCluster : DropCluster
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(this);
        silo.AddFeed<HeldFeed>();
    }

    // Like the settlement feed: each batch goes to another actor, which a stopping silo can no longer place.
    private sealed class HeldFeed(HeldFeedCluster fixture, IGrainFactory grains) : IFeedHandler
    {
        public string Name => "test-held";
        public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TokenMinted)];

        public async Task Handle(IReadOnlyList<FeedEvent> events, CancellationToken ct)
        {
            fixture.Entered.TrySetResult();
            await fixture.Release.Task;
            // A fresh activation must be placed (a feed nobody registers: it answers and leaves, no error when all is well).
            await grains.GetGrain<IFeedGrain>(Samples.NewId("elsewhere")).Start();
        }
    }
}

/// <summary>Stopping a silo is not a feed failure: no warning, nothing counted, the batch is delivered again later.</summary>
public class FeedShutdownTests(HeldFeedCluster cluster) : IClassFixture<HeldFeedCluster>
{
    [Fact]
    public async Task a_batch_cut_short_by_the_silo_stopping_is_not_reported_as_the_feeds_failure()
    {
        var drop = await cluster.Client.OpenDrop(Samples.Drop(Samples.NewId("held"), supply: 10));
        await drop.Claim(new ClaimToken("c1", Samples.Wallet(1), null));
        await cluster.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var silo = cluster.Cluster.Silos[0];
        var status = silo.ServiceProvider.GetRequiredService<ISiloStatusOracle>();
        var stopping = cluster.Cluster.StopSiloAsync(silo);
        // Membership no longer lists the silo as active: from here no grain can be placed, as in the harness's log.
        await Eventually.True(() => Task.FromResult(status.CurrentStatus != SiloStatus.Active), TimeSpan.FromSeconds(30), "the silo leaves the active state");
        cluster.Release.TrySetResult();
        await stopping;

        cluster.Logs.Lines.Where(l => l.Contains("Feed test-held failed")).Should().BeEmpty("a shutdown is not the handler failing");
    }
}
