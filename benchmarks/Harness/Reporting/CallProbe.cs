namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Read-only grain calls (no storage) on one drop activation by N callers: the grain-call ceiling.</summary>
public sealed record CallProbe(int Concurrency, long Calls, double CallsPerSecond, double P50Ms, double P99Ms, long Failed);
