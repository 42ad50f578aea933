using MicroEvents.Drops;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Skus;
using MicroEvents.Skus.Events;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>The cluster stops and starts again while the mint feed is turning mints into orders (its own fixture: the gateway does not survive the restart).</summary>
[Trait(Category.Name, Category.Slow)]
public class FulfilmentRestartTests(FulfilmentServer server) : IClassFixture<FulfilmentServer>
{
    [Fact]
    public async Task a_cluster_restart_midway_loses_no_order_and_doubles_none()
    {
        const int mints = 300;
        var (dropId, skuId) = (Samples.NewId("restart"), Samples.NewId("tee"));
        var sku = server.Client.GetGrain<ISkuGrain>(skuId);
        await sku.Define(new SkuDefinition("Tee", ["M"], 0));
        await sku.Receive(new StockMove("in", "leeds", "M", mints, "delivery"));
        var drop = await server.Client.OpenDrop(Samples.Drop(dropId, supply: mints));
        await server.Client.GetGrain<IMerchGrain>(dropId).Map(new MerchMapping([skuId], []));
        await Task.WhenAll(Enumerable.Range(0, mints).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i + 1), null))));

        await Eventually.True(async () => (await server.Client.GetGrain<IMerchGrain>(dropId).GetMerch()).Orders > 0, TimeSpan.FromSeconds(60), "orders started");
        await server.Restart();

        await Eventually.True(async () => (await server.Client.GetGrain<IMerchGrain>(dropId).GetMerch()).Orders == mints, TimeSpan.FromSeconds(90),
            "every mint has its order after the restart");
        await using var session = server.Store.QuerySession();
        for (var token = 1; token <= mints; token++)
        {
            var events = (await session.Events.FetchStreamAsync($"order/{OrderKey.Of(dropId, token)}")).Select(e => e.Data).ToList();
            events.OfType<FulfilmentRequested>().Should().ContainSingle($"token {token} has one order");
        }
        var holds = (await session.Events.FetchStreamAsync($"sku/{skuId}")).Select(e => e.Data).OfType<StockReserved>().ToList();
        holds.Select(h => h.ReservationId).Should().HaveCount(mints).And.OnlyHaveUniqueItems();
        (await server.Client.GetGrain<ISkuGrain>(skuId).GetSku()).Available.Should().Be(0);
    }
}
