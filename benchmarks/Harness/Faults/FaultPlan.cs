namespace MicroEvents.Benchmarks.Faults;

/// <summary>
/// The shape of the fault scenario: how many phones claim on how many drops, when each fault strikes,
/// and how patient a phone is. Sized so the whole run ends well within 3 minutes on 2 cores.
/// </summary>
public sealed record FaultPlan
{
    public int Drops { get; init; } = 5;

    /// <summary>Supply of every drop but the last: more than the run can claim.</summary>
    public long Supply { get; init; } = 200_000;

    /// <summary>The last drop's supply: small, so it sells out under the faults and oversell would show.</summary>
    public long SellOutSupply { get; init; } = 6_000;

    /// <summary>Concurrent phones, each claiming one claim at a time until it has a final answer.</summary>
    public int Phones { get; init; } = 48;

    /// <summary>Load before the silo is killed.</summary>
    public TimeSpan BeforeKill { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>Steady load after a recovery before the next fault.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan Outage { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load after the poison requests, before the phones stop taking new claims.</summary>
    public TimeSpan Tail { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>A phone gives a claim up after this many requests or this long (its fate then stays unknown to it).</summary>
    public int MaxAttempts { get; init; } = 60;
    public TimeSpan ClaimDeadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>One request without an answer this long counts as a hang.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>What a phone waits after a refused or cut connection (a 503 says how long itself, in Retry-After).</summary>
    public TimeSpan ConnectionRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>While PostgreSQL is down every request must be answered within this (the "503 within 5 s").</summary>
    public TimeSpan OutageAnswerBound { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connection errors are expected from the kill until the restarted silo is ready, plus this for pooled connections to notice.</summary>
    public TimeSpan ConnectionErrorGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>A fault the system has not recovered from within this fails the run.</summary>
    public TimeSpan RecoveryBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Ctrl-C must stop the silo within this (the bounded shutdown).</summary>
    public TimeSpan ShutdownBound { get; init; } = TimeSpan.FromSeconds(30);

    public long SupplyOf(int drop) => drop == Drops - 1 ? SellOutSupply : Supply;
}
