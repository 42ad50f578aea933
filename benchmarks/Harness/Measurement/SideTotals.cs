namespace MicroEvents.Benchmarks.Measurement;

/// <summary>Claims, seconds and CPU summed over one side's windows of an alternating load.</summary>
public sealed class SideTotals
{
    private double _harness, _seconds;
    private double? _children = 0, _postgres = 0;
    private long _claims;

    public double ClaimsPerSecond => _seconds > 0 ? Math.Round(_claims / _seconds, 1) : 0;

    /// <param name="seconds">The window's length: what its claims/s divides by (CPU may run on past it, see the caller).</param>
    public void Add(CpuSample from, CpuSample to, long claims, double seconds)
    {
        _harness += to.Harness - from.Harness;
        _children = _children + (to.Children - from.Children);
        _postgres = _postgres + (to.Postgres - from.Postgres);
        _claims += claims;
        _seconds += seconds;
    }

    public CpuPerClaim PerClaim() => new CpuSample(0, 0, 0).Per(new CpuSample(_harness, _children, _postgres), _claims);
}
