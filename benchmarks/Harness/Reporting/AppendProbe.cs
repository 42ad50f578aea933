namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Back-to-back appends of <see cref="BatchSize"/> events by one writer through the product's EventJournal.</summary>
public sealed record AppendProbe(int BatchSize, long Appends, long Events, double EventsPerSecond, double P50MsPerAppend, double P99MsPerAppend)
{
    /// <summary>The same rows as plain multi-row inserts, no journal code (<c>RawInsertCeiling</c>), events/s.</summary>
    public double? RawEventsPerSecond { get; init; }

    /// <summary>Journal ÷ raw PostgreSQL: the journal's own overhead at this batch size (target ≥ 0.8).</summary>
    public double? OfRaw => RawEventsPerSecond is > 0 and var raw ? Math.Round(EventsPerSecond / raw, 2) : null;
}
