namespace MicroEvents.Benchmarks.Load;

/// <summary>
/// A closed-loop load: <see cref="Concurrency"/> callers each take the next claim index from a shared
/// counter until <see cref="Attempts"/> are taken or <see cref="TimeLimit"/> has passed.
/// </summary>
public sealed record LoadPlan(int Concurrency, long Attempts, TimeSpan TimeLimit)
{
    /// <summary>Supply plus a small overshoot (at least 100 claims), so sold-out rejections are exercised.</summary>
    public static long AttemptsFor(long supply, double overshoot) => supply + Math.Max(100, (long)Math.Ceiling(supply * overshoot));
}
