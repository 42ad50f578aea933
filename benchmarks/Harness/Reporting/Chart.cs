using ScottPlot;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// Throughput and p99 against concurrency, ours (grain calls, HTTP gateway) against the one-transaction-
/// per-claim baseline, side by side in one PNG. Both y axes are logarithmic: the series differ by orders of magnitude.
/// </summary>
public static class Chart
{
    private static readonly (string Scenario, string Label, Color Color)[] Series =
    [
        (ScenarioNames.HotDrop, "hot-drop (grain calls)", Colors.RoyalBlue),
        (ScenarioNames.HotDropHttp, "hot-drop-http (gateway)", Colors.DarkOrange),
        (ScenarioNames.BaselineSql, "baseline-sql (1 tx per claim)", Colors.Gray),
    ];

    /// <summary>Writes the chart; false when no swept scenario ran.</summary>
    public static bool Save(RunReport report, string path)
    {
        var swept = report.Scenarios.Where(s => Series.Any(x => x.Scenario == s.Scenario)).ToList();
        if (swept.Count == 0) return false;

        var levels = swept.Select(s => s.Concurrency).Distinct().Order().ToArray();
        var throughput = Panel($"Accepted claims/s ({report.Machine.ProcessorCount} cores)", "claims/s (log scale)", levels);
        var p99 = Panel("p99 latency per claim", "p99 ms (log scale)", levels);

        foreach (var (scenario, label, color) in Series)
        {
            var points = swept.Where(s => s.Scenario == scenario).OrderBy(s => s.Concurrency).ToList();
            if (points.Count == 0) continue;
            var xs = points.Select(p => (double)Array.IndexOf(levels, p.Concurrency)).ToArray();
            Line(throughput, xs, points.Select(p => p.ClaimsPerSecond).ToArray(), label, color);
            Line(p99, xs, points.Select(p => p.Latency.P99Ms).ToArray(), label, color);
        }

        var shown = swept.Select(s => s.Scenario).ToHashSet();
        if (shown.Contains(ScenarioNames.HotDrop))
        {
            Goal(throughput, Targets.HotDropClaimsPerSecond, "hot-drop target", Colors.RoyalBlue);
            Goal(p99, Targets.HotDropP99Ms, "hot-drop target", Colors.RoyalBlue);
        }
        if (shown.Contains(ScenarioNames.HotDropHttp))
        {
            Goal(throughput, Targets.HttpClaimsPerSecond, "hot-drop-http target", Colors.DarkOrange);
            Goal(p99, Targets.HttpP99Ms, "hot-drop-http target", Colors.DarkOrange);
        }

        FitLogY(throughput, swept.Select(s => s.ClaimsPerSecond).Append(Targets.HotDropClaimsPerSecond));
        FitLogY(p99, swept.Select(s => s.Latency.P99Ms).Append(Targets.HotDropP99Ms));
        var multiplot = new Multiplot();
        multiplot.Reset(throughput);
        multiplot.AddPlot(p99);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1400, 560);
        return true;
    }

    private static Plot Panel(string title, string yLabel, int[] levels)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("concurrent callers");
        plot.YLabel(yLabel);
        plot.Axes.Bottom.SetTicks(levels.Select((_, i) => (double)i).ToArray(), levels.Select(l => l.ToString("N0")).ToArray());
        plot.Axes.SetLimitsX(-0.5, levels.Length - 0.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString(Math.Pow(10, y) >= 1 ? "N0" : "0.###"),
        };
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>A dashed line at a target (2-core machine) in the series' colour.</summary>
    private static void Goal(Plot plot, double value, string label, Color color)
    {
        var line = plot.Add.HorizontalLine(Math.Log10(value), 1.5f, color.WithAlpha(0.6), LinePattern.Dashed);
        line.LegendText = $"{label} ({value:N0})";
    }

    /// <summary>Whole decades around the data, so every point and its label stay inside the frame.</summary>
    private static void FitLogY(Plot plot, IEnumerable<double> values)
    {
        var logs = values.Where(v => v > 0).Select(Math.Log10).ToList();
        if (logs.Count == 0) return;
        plot.Axes.SetLimitsY(Math.Floor(logs.Min() - 0.15), Math.Ceiling(logs.Max() + 0.15));
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, Color color)
    {
        var logs = ys.Select(y => Math.Log10(Math.Max(y, 0.001))).ToArray();
        var scatter = plot.Add.Scatter(xs, logs, color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 9;
        for (var i = 0; i < xs.Length; i++)
        {
            var text = plot.Add.Text(ys[i] >= 100 ? ys[i].ToString("N0") : ys[i].ToString("0.0"), xs[i], logs[i]);
            text.LabelFontColor = color;
            text.LabelFontSize = 12;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 6;
            text.OffsetY = -4;
        }
    }
}
