using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop-http while <see cref="BenchmarkSettings.LiveSubscribers"/> live pages watch the drop through the
/// same gateway: what watching costs the claims. Compare with hot-drop-http of the same run.
/// </summary>
public sealed class HotDropLive(ScenarioContext context, Uri gateway, string apiKey)
{
    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var id = context.DropId($"live-c{concurrency}");
        var supply = context.Settings.Supply;
        var subscribers = context.Settings.LiveSubscribers;
        using var client = new GatewayClient(gateway, concurrency, apiKey);
        await client.CreateOpen(id, supply, ct);
        await using var watchers = await LiveWatchers.Connect(gateway, id, subscribers, ct);
        Progress.Line($"  hot-drop-live: {subscribers:N0} live streams open on drop {id}");

        var load = await ClaimLoad.Run(context.Plan(supply, concurrency), (i, token) => client.Claim(id, i, token), ct, context.Cpu);

        var minted = await client.Minted(id, ct);
        var tally = await watchers.Settle(minted, TimeSpan.FromSeconds(10));
        var stream = await context.Streams.Count(id, ct);
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, supply, minted, stream).ToList();
        checks.Add(new Check("every live stream stayed open and saw the final count", tally.Connected == subscribers && tally.SawFinalCount == subscribers,
            $"{tally.Connected:N0} of {subscribers:N0} open, {tally.SawFinalCount:N0} saw minted = {minted:N0}"));
        return ScenarioResult.From(ScenarioNames.HotDropLive, HotDropHttp.Path, load, drops: 1, supply, checks) with
        {
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            Notes = [$"drop {id}; {concurrency} pooled HTTP/1.1 connections claiming; {subscribers:N0} SSE subscribers on their own connections, " +
                $"{tally.MedianMessages} messages each (median; most {tally.MostMessages}) for {minted:N0} mints"],
        };
    }
}
