using MicroEvents.Benchmarks.Faults;
using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>One drop of the fault run: its supply and what its stream holds.</summary>
public sealed record FaultDrop(string Id, long Supply, long Minted, long Acknowledged, long? SummaryMinted);

/// <summary>
/// What the fault scenario saw: every claim's fate at the phones, the answers by kind, the recovery times,
/// the poison requests, and the audit of the event streams against all of it.
/// </summary>
public sealed record FaultResult
{
    public required FaultPlan Plan { get; init; }
    public required FaultTimeline Timeline { get; init; }

    /// <summary>Distinct claims (claim ids) the phones sent; each may have taken several requests.</summary>
    public long ClaimsSent { get; init; }
    public long Requests { get; init; }
    public long Acknowledged { get; init; }
    public long Rejected { get; init; }
    public IReadOnlyDictionary<string, long> RejectionsByCode { get; init; } = new Dictionary<string, long>();
    public long Abandoned { get; init; }

    /// <summary>Acknowledged claims missing from their drop's stream.</summary>
    public long Lost { get; init; }

    /// <summary>Extra copies of a claim id in the streams.</summary>
    public long Duplicated { get; init; }

    /// <summary>Acknowledged claims stored with another token than the one the phone was told.</summary>
    public long WrongToken { get; init; }

    /// <summary>Claims retried at least once (after a 503 or a dead connection) that ended acknowledged.</summary>
    public long AcknowledgedAfterRetry { get; init; }

    /// <summary>Retries answered 200: the claim had been stored before, and its receipt came back.</summary>
    public long Replayed { get; init; }

    public long Unavailable { get; init; }
    public long ConnectionErrors { get; init; }
    public long Timeouts { get; init; }
    public long ServerErrors { get; init; }
    public IReadOnlyDictionary<string, long> AnswersByStatus { get; init; } = new Dictionary<string, long>();

    public double? SecondsToRecoverAfterKill { get; init; }
    public double? SecondsSiloReadyAfterKill { get; init; }
    public double? SecondsToRecoverAfterPostgres { get; init; }
    public double? SecondsToFirst503AfterPostgresStop { get; init; }
    public double? SlowestAnswerWhilePostgresDownSeconds { get; init; }
    public double AcknowledgedPerSecond { get; init; }

    public IReadOnlyList<FaultDrop> Drops { get; init; } = [];
    public IReadOnlyList<PoisonResult> Poison { get; init; } = [];
    public IReadOnlyList<string> SiloLogs { get; init; } = [];
    public required IReadOnlyList<Check> Checks { get; init; }

    public bool Passed => Checks.All(c => c.Passed);
}
