namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// One of the targets (2-core machine). <see cref="Ratio"/> is measured ÷ goal, oriented so that
/// ≥ 1 means met. <see cref="Met"/> is null when the run cannot judge it (e.g. --quick sizes).
/// </summary>
public sealed record TargetResult(string Name, string Scenario, int? Concurrency, string Goal, string Measured, double? Ratio, bool? Met, string? Note = null);
