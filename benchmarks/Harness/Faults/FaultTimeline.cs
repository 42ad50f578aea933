namespace MicroEvents.Benchmarks.Faults;

/// <summary>When each thing happened, in seconds on the run's clock (the <see cref="AnswerLog"/>'s); null if it never did.</summary>
public sealed record FaultTimeline
{
    public double LoadStartedAt { get; set; }

    public double? KilledAt { get; set; }
    public double? RestartedAt { get; set; }
    public double? ReadyAt { get; set; }
    public double? FirstAcknowledgedAfterKillAt { get; set; }

    public double? PostgresStoppingAt { get; set; }
    public double? PostgresDownAt { get; set; }
    public double? PostgresStartingAt { get; set; }
    public double? PostgresBackAt { get; set; }
    public double? FirstAcknowledgedAfterPostgresAt { get; set; }

    public double? PoisonSentAt { get; set; }
    public double? PoisonAnsweredAt { get; set; }
    public double? NewClaimsStoppedAt { get; set; }
    public double? DrainedAt { get; set; }

    /// <summary>SIGINT to exit of the restarted silo at the end; null if it did not stop within the bound.</summary>
    public double? ShutdownSeconds { get; set; }
}
