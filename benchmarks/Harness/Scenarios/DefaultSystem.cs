using MicroEvents.Access;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>
/// What a user runs: the one-command silo (<c>dotnet run --project src/Silo</c>'s host, gateway on Kestrel)
/// with every reader on as it ships (Marten's projections daemon, receipt sealing, settlement and its hand-off
/// feed on a local anvil when anvil is installed, the merch feed, live), and HTTP claims on one hot drop,
/// sustained: a warm-up, then a measured window (<see cref="SustainedWindow"/>).
/// </summary>
public sealed class DefaultSystem(ScenarioContext context)
{
    public const string Path = "HTTP, the one-command silo with every reader on";
    public const string ReadersOffPath = "HTTP, the one-command silo with the readers off (no projections, sealing, settlement)";

    /// <summary>Far more than a sustained run can claim, so the load is stopped by time, never by selling out.</summary>
    public const long Supply = 3_000_000;

    /// <summary>
    /// How long the load runs past warm-up + window: the window starts only after its first readings (statement reset,
    /// minted count, CPU), which take seconds on a starved machine; the load must still be running when it ends.
    /// </summary>
    internal static readonly TimeSpan WindowMargin = TimeSpan.FromSeconds(6);

    /// <param name="readersOff">The same run with projections, sealing and settlement off: the figure the default is judged against.</param>
    public async Task<ScenarioResult> Run(int concurrency, CancellationToken ct, bool readersOff = false)
    {
        var settings = context.Settings;
        var scenario = readersOff ? ScenarioNames.DefaultReadersOff : ScenarioNames.Default;
        await using var gateway = await GatewaySilo.Start(context.Store, context.Database.ConnectionString, settings.SnapshotEvery, settings.Schema, ct, sealOnMint: !readersOff,
            feedsFromStorage: settings.FeedsFromStorage, readersOff: readersOff);
        var (_, apiKey) = await new ApiKeyStore(new AccessDatabase(context.Store), TimeProvider.System).Create(AccessRole.Operator, "benchmark harness", DateTimeOffset.UtcNow.AddHours(2), ct);
        using var client = new GatewayClient(gateway.BaseAddress, concurrency, apiKey);
        var id = context.DropId($"{scenario}-c{concurrency}");
        await client.CreateOpen(id, Supply, ct);

        var plan = settings.Sustained;
        var loadPlan = new LoadPlan(concurrency, Supply, plan.Warmup + plan.Window + WindowMargin);
        Progress.Line($"  {scenario} @{concurrency}: {plan.Warmup.TotalSeconds:0} s warm-up, {plan.Window.TotalSeconds:0} s window");
        var window = new SustainedWindow(context.Cpu, new ReaderPositions(context.Database.ConnectionString, settings.Schema),
            new TopStatements(context.Database.ConnectionString), plan);
        var (load, sustained) = await window.Measure(ClaimLoad.Run(loadPlan, (i, token) => client.Claim(id, i, token), ct, window: window.Latency), token => client.Minted(id, token), ct);

        var minted = await client.Minted(id, ct);
        var stream = await context.Streams.Count(id, ct);
        var checks = DropAudit.Verify(load.AcceptedTokens, load.Accepted, Supply, minted, stream);
        var readers = sustained.Readers.Count == 0 ? "none found" : string.Join(", ", sustained.Readers.Select(r => r.Reader));
        // Issue #30: with no fault injected, no claim may be answered 503 ("could not store within 4 s"), not even in the first seconds.
        var unavailable = new Check("no 503 under load", client.Unavailable == 0, $"{client.Unavailable:N0} claims answered 503 (warm-up included)" + (client.Unavailable > 0 ? $", at {client.UnavailableWhen} UTC" : ""));
        // Readers off: the readers found in storage are those switched off (progress rows and checkpoints of an earlier silo on a shared database), not judged.
        var judged = readersOff ? sustained.LoadChecks : sustained.Checks;
        return ScenarioResult.From(scenario, readersOff ? ReadersOffPath : Path, load, drops: 1, Supply, [.. checks, .. judged, unavailable]) with
        {
            ClaimsPerSecond = sustained.ClaimsPerSecond,
            MintAppends = stream.Appends - StreamAudit.SetupEvents,
            MintsPerAppend = DropAudit.MintsPerAppend(load.Accepted, stream.Appends),
            StoredEvents = stream.Events,
            Sustained = sustained,
            Cpu = sustained.Cpu,
            Notes = [$"drop {id} on database {context.Database.Server}; {concurrency} pooled HTTP/1.1 connections; readers: {readers}; feeds {(settings.FeedsFromStorage ? "read back from PostgreSQL (--feeds-from-storage)" : "fed from memory by the journal")}; claims/s and the judged p99 over the measured window; the main table's latency over the whole load (warm-up included)"],
        };
    }
}
