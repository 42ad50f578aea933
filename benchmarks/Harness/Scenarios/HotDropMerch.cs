using System.Diagnostics;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Fulfilment;
using MicroEvents.Skus;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop on a merch drop with fulfilment running: the silo runs the mint feed, and every mint becomes a
/// fulfilment order holding one unit of a SKU, off the claim path. Compared with plain hot-drop at the
/// same level in the same run (target ≥ 90 %); after the load, how long until the last order existed.
/// </summary>
public sealed class HotDropMerch(ScenarioContext context, IGrainCluster cluster)
{
    public async Task<ScenarioResult> Run(int concurrency, IEnumerable<ScenarioResult> earlier, CancellationToken ct)
    {
        var supply = context.Settings.Supply;
        var id = context.DropId($"{ScenarioNames.HotDropMerch}-c{concurrency}");
        var skuId = context.DropId($"tee-c{concurrency}");
        var sku = cluster.Grains.GetGrain<ISkuGrain>(skuId);
        await sku.Define(new SkuDefinition("Benchmark tee", ["M"], 0));
        await sku.Receive(new StockMove("bench", "main", "M", (int)Math.Min(supply, SkuDecisions.MaxQuantity), "benchmark stock"));
        var merch = cluster.Grains.GetGrain<IMerchGrain>(id);
        await merch.Map(new MerchMapping([skuId], []));

        var result = await new HotDrop(context, cluster).Run(concurrency, ct, variant: ScenarioNames.HotDropMerch);
        var lag = Stopwatch.StartNew();
        while ((await merch.GetMerch()).ShouldHave < result.Accepted)
        {
            if (lag.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("orders did not catch up within 10 minutes");
            await Task.Delay(100, ct);
        }
        var view = await merch.GetMerch();
        var plain = earlier.FirstOrDefault(r => r.Scenario == ScenarioNames.HotDrop && r.Concurrency == concurrency);
        var ratio = plain is null
            ? "fulfilment on; run hot-drop at the same level in the same run for the ratio"
            : $"fulfilment on: {result.ClaimsPerSecond:N0}/s vs plain {plain.ClaimsPerSecond:N0}/s = {result.ClaimsPerSecond / plain.ClaimsPerSecond:P0} (target ≥ 90 %)";
        return result with
        {
            Notes = [.. result.Notes, ratio,
                $"{view.Orders:N0} orders ({view.Unmapped.Count} unmapped) for {result.Accepted:N0} mints; the last order existed {lag.ElapsedMilliseconds:N0} ms after the load ended"],
        };
    }
}
