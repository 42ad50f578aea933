using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Reactivating a drop with a long stream: how long until it answers and mints again.</summary>
public sealed record ColdStartResult
{
    public required string Variant { get; init; }

    /// <summary>The silo's snapshot interval while reactivating (0 = snapshots off, null = a running cluster's own).</summary>
    public required int? SnapshotEvery { get; init; }

    /// <summary>Events in the stream when the first reactivation began.</summary>
    public required long StreamEvents { get; init; }

    public required IReadOnlyList<Reactivation> Reactivations { get; init; }

    /// <summary>Median over <see cref="Reactivations"/> of first call + first claim.</summary>
    public required double TimeToFirstClaimMs { get; init; }

    public long? SnapshotBytes { get; init; }

    /// <summary>Median of 3 direct reads through the product's EventJournal (snapshot + tail + fold), no Orleans involved.</summary>
    public double? JournalReadMs { get; init; }

    /// <summary>With snapshots: fetch, deserialize and serialize times of the stored snapshot document.</summary>
    public SnapshotCost? SnapshotCost { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    public required IReadOnlyList<Check> Checks { get; init; }

    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>
/// One deactivate → reactivate cycle: the first call (GetSummary, which activates the drop and reads its
/// snapshot and tail) and the first claim after it, each timed at the caller.
/// </summary>
public sealed record Reactivation(double FirstCallMs, double FirstClaimMs, double TimeToFirstClaimMs,
    int EventsReadOnActivation, long? SnapshotVersion, long AppendsSinceActivation);
