using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// Two sides of one load in alternating windows (many-vs-hot, default-vs-readers-off): claims/s and CPU per claim over each
/// side's windows, and every window as measured. <see cref="Ratio"/> is measured ÷ against, the target's figure.
/// </summary>
public sealed record AlternatingResult(AlternatingSide Measured, AlternatingSide Against, double WindowSeconds, string Between, IReadOnlyList<AlternatingWindow> Windows)
{
    public double Ratio => Against.ClaimsPerSecond > 0 ? Math.Round(Measured.ClaimsPerSecond / Against.ClaimsPerSecond, 3) : 0;

    /// <summary>PostgreSQL's CPU per claim, measured ÷ against; null when PostgreSQL's CPU was not readable.</summary>
    public double? PostgresRatio => Measured.Cpu.PostgresUs is > 0 and var m && Against.Cpu.PostgresUs is > 0 and var a ? Math.Round(m / a, 3) : null;

    public const string Definition = "one load of N callers that claims from one side or the other, switching together, each side with supply for the whole run: " +
        "after a warm-up that alternates too, windows alternate A, B, B, A, … (a drift within a pair of windows weighs on both sides alike); a window counts " +
        "the claims its side acknowledged in it; claims/s and CPU per claim are sums over a side's windows; what happens between windows is named per scenario";

    /// <summary>"many 24,274 claims/s ÷ hot 26,112 claims/s = 0.93× (CPU µs per claim, harness + PostgreSQL: …)" and every window.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"{Measured.Name} {Measured.ClaimsPerSecond:N0} claims/s ÷ {Against.Name} {Against.ClaimsPerSecond:N0} claims/s = {Ratio:0.00}× " +
            $"(CPU µs per claim, harness + PostgreSQL: {Measured.Name} {Measured.Cpu.HarnessUs:0} + {Measured.Cpu.PostgresUs:0}, " +
            $"{Against.Name} {Against.Cpu.HarnessUs:0} + {Against.Cpu.PostgresUs:0})";
        yield return "windows (claims/s, harness + PostgreSQL µs per claim): " +
            string.Join(", ", Windows.Select(x => $"{x.Side} {x.ClaimsPerSecond:N0} ({x.Cpu.HarnessUs:0} + {x.Cpu.PostgresUs:0})" +
                (x.CatchUpSeconds is { } s ? $" +{s:0.0} s" : "")));
    }
}

/// <summary>One side summed over its windows.</summary>
public sealed record AlternatingSide(string Name, double ClaimsPerSecond, CpuPerClaim Cpu);

/// <summary>
/// One measured window of one side, with its CPU per claim: where a window that fell behind spent its time.
/// <paramref name="CatchUpSeconds"/>: how long its readers took to reach the head after it closed (their CPU counted in the window's).
/// </summary>
public sealed record AlternatingWindow(string Side, double Seconds, long Claims, double ClaimsPerSecond, CpuPerClaim Cpu, double? CatchUpSeconds = null);
