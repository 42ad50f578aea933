namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Back-to-back appends of <see cref="BatchSize"/> events by one writer through the product's EventJournal.</summary>
public sealed record AppendProbe(int BatchSize, long Appends, long Events, double EventsPerSecond, double P50MsPerAppend, double P99MsPerAppend);
