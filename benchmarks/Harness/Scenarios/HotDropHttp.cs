using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// hot-drop through the real gateway (Kestrel, minimal API, JSON, problem+json) over loopback HTTP, so
/// the gateway's own cost shows next to the grain-call figure. The client shares the machine's cores.
/// </summary>
public sealed class HotDropHttp(ScenarioContext context, Uri gateway, string apiKey, string scenario = ScenarioNames.HotDropHttp, string path = HotDropHttp.Path)
{
    public const string Path = "HTTP gateway (loopback)";

    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct)
    {
        var id = context.DropId($"{scenario}-c{concurrency}");
        var supply = context.Settings.Supply;
        using var client = new GatewayClient(gateway, concurrency, apiKey);
        await client.CreateOpen(id, supply, ct);

        var load = await ClaimLoad.Run(context.Plan(supply, concurrency), (i, token) => client.Claim(id, i, token), ct, context.Cpu);

        var minted = await client.Minted(id, ct);
        var stream = await context.Streams.Count(id, ct);
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, supply, minted, stream);
        return ScenarioResult.From(scenario, path, load, drops: 1, supply, checks) with
        {
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            AppendCycles = await context.Streams.Cycles(id, ct),
            Notes = [$"drop {id}; {concurrency} pooled HTTP/1.1 connections"],
        };
    }

    /// <summary>Warms Kestrel, the HTTP client pool and the gateway's JSON paths before measuring (see <see cref="Warmup.Rounds"/>).</summary>
    public static async Task Warm(ScenarioContext context, Uri gateway, string apiKey, CancellationToken ct, string name = "warm-http")
    {
        var claims = context.Settings.WarmupClaims;
        using var client = new GatewayClient(gateway, context.Settings.Concurrency, apiKey);
        await Warmup.Rounds(name, async (round, token) =>
        {
            var id = context.DropId($"{name}-{round}");
            await client.CreateOpen(id, claims, token);
            return await ClaimLoad.Run(new LoadPlan(context.Settings.Concurrency, claims, context.Settings.LevelTimeLimit),
                (i, t) => client.Claim(id, i, t), token);
        }, ct);
    }
}
