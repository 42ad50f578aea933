using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// Both sides of many-vs-hot: claims/s and CPU per claim over each side's windows, and every window as measured.
/// <see cref="Ratio"/> is many ÷ hot, the many-drops target's figure.
/// </summary>
public sealed record AlternatingResult(double WindowSeconds, double SettleSeconds, double HotClaimsPerSecond, double ManyClaimsPerSecond,
    CpuPerClaim HotCpu, CpuPerClaim ManyCpu, IReadOnlyList<AlternatingWindow> Windows)
{
    public double Ratio => HotClaimsPerSecond > 0 ? Math.Round(ManyClaimsPerSecond / HotClaimsPerSecond, 3) : 0;

    public const string Definition = "one load of N callers on one silo that claims from one hot drop or from the quiet drops (1,000; --quick: 100), switching together, " +
        "each side with supply for the whole run: " +
        "windows alternate hot, many, many, hot, … after a warm-up that alternates too; each window opens after a settle (the other side's calls in flight finish) " +
        "and counts the claims its side acknowledged in it; claims/s and CPU per claim are sums over a side's windows";
}

/// <summary>One measured window of one side, with its CPU per claim: where a window that fell behind spent its time.</summary>
public sealed record AlternatingWindow(string Side, double Seconds, long Claims, double ClaimsPerSecond, CpuPerClaim Cpu);
