namespace MicroEvents.Benchmarks.Reporting;

/// <summary>Ours against one transaction per claim at the same concurrency, in the same run.</summary>
public sealed record Comparison(int Concurrency, double? HotDrop, double? HotDropHttp, double? BaselineSql)
{
    public double? HotDropRatio => HotDrop is { } ours && BaselineSql is > 0 ? Math.Round(ours / BaselineSql.Value, 1) : null;
    public double? HotDropHttpRatio => HotDropHttp is { } ours && BaselineSql is > 0 ? Math.Round(ours / BaselineSql.Value, 1) : null;
}
