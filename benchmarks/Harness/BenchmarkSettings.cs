namespace MicroEvents.Benchmarks;

/// <summary>
/// Everything a run was asked to do, resolved from the command line. <see cref="Quick"/> shrinks the
/// sizes so a smoke run on 2 cores ends within minutes (7 on this 2-core VM, 2026-12-07) while still running every correctness check.
/// </summary>
public sealed record BenchmarkSettings
{
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>The headline level: targets, many-drops and cold-start builds use it.</summary>
    public int Concurrency { get; init; } = 500;

    /// <summary>Levels for hot-drop, hot-drop-http and baseline-sql (always includes <see cref="Concurrency"/>).</summary>
    public required IReadOnlyList<int> Sweep { get; init; }

    public long Supply { get; init; } = 100_000;

    /// <summary>Extra claims beyond the supply, so sold-out rejections are exercised too.</summary>
    public double Overshoot { get; init; } = 0.02;

    public bool Quick { get; init; }
    public bool Cluster { get; init; }
    public string? ConnectionString { get; init; }
    public int SnapshotEvery { get; init; } = 10_000;
    public required string OutputDirectory { get; init; }
    public bool KeepDatabase { get; init; }

    /// <summary>The in-process gateway counts its abuse limits (too high to refuse anything), to measure what they cost.</summary>
    public bool AbuseLimits { get; init; }

    /// <summary>default: the silo's feeds read every event back from PostgreSQL instead of taking what the journal committed.</summary>
    public bool FeedsFromStorage { get; init; }

    /// <summary>Marten schema of the drops' streams.</summary>
    public string Schema { get; init; } = "microevents";

    /// <summary>With <see cref="Cluster"/>: the running gateway's HTTP address and the cluster id (silos are found in the membership table).</summary>
    public string ClusterGatewayUrl { get; init; } = "http://localhost:5080";
    public string ClusterId { get; init; } = "microevents";

    /// <summary>A load level stops taking new claims after this long (low concurrency levels would otherwise run for minutes).</summary>
    public TimeSpan LevelTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One transaction per claim is slow: its supply and time are capped so the run ends.</summary>
    public long BaselineSupplyCap { get; init; } = 20_000;
    public TimeSpan BaselineTimeLimit { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Connections a typical web app's pool would give the baseline.</summary>
    public int BaselinePoolSize { get; init; } = 100;

    public int ManyDropsCount { get; init; } = 1_000;
    public long ManyDropsSupply { get; init; } = 200;

    /// <summary>Mints in the drop that cold-start reactivates.</summary>
    public long ColdStartEvents { get; init; } = 100_000;

    /// <summary>Snapshot interval of cold-start's "with snapshots" variant.</summary>
    public int ColdStartSnapshotEvery { get; init; } = 10_000;

    /// <summary>Claims on a throw-away drop before measuring, so JIT and pools are warm.</summary>
    public long WarmupClaims { get; init; } = 5_000;

    /// <summary>Live streams (SSE) open on the drop during hot-drop-live.</summary>
    public int LiveSubscribers { get; init; } = 1_000;

    /// <summary>Sustained scenarios: warm-up before the measured window, the window, and how long readers get to catch up after the load.</summary>
    public Measurement.SustainedPlan Sustained { get; init; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(2));

    public string PostgresDataDirectory => Path.Combine(OutputDirectory, ".pgdata");

    public bool Runs(string scenario) => Scenarios.Contains(scenario);
}
