using System.Text;
using MicroEvents.Benchmarks.Faults;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>The fault scenario's part of the Markdown summary: fates, answers, recovery, poison, checks.</summary>
public static class FaultTable
{
    public static void Render(StringBuilder s, FaultResult f)
    {
        var t = f.Timeline;
        s.AppendLine($"### Fault suite: {f.Plan.Phones} phones on {f.Plan.Drops} drops, silo SIGKILLed, PostgreSQL down {f.Plan.Outage.TotalSeconds:0} s, poison");
        s.AppendLine();
        s.AppendLine("| claims sent | acknowledged | of them after a retry (replayed: 200) | rejected | abandoned | lost | duplicated | wrong token | requests | 503 | connection errors | time-outs | other 5xx | acknowledged/s |");
        s.AppendLine("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        s.AppendLine($"| {f.ClaimsSent:N0} | {f.Acknowledged:N0} | {f.AcknowledgedAfterRetry:N0} ({f.Replayed:N0}) | {f.Rejected:N0}{Codes(f)} | {f.Abandoned:N0} | {f.Lost:N0} | {f.Duplicated:N0} | {f.WrongToken:N0} | " +
            $"{f.Requests:N0} | {f.Unavailable:N0} | {f.ConnectionErrors:N0} | {f.Timeouts:N0} | {f.ServerErrors:N0} | {f.AcknowledgedPerSecond:N0} |");
        s.AppendLine();
        s.AppendLine($"Times in seconds on the run's clock; load from {At(t.LoadStartedAt)} to {At(t.NewClaimsStoppedAt)} s, last claim answered at {At(t.DrainedAt)} s.");
        s.AppendLine();
        s.AppendLine("| fault | at (s) | recovered: first 2xx after (s) | also |");
        s.AppendLine("|---|--:|--:|---|");
        s.AppendLine($"| silo SIGKILL + restart | {At(t.KilledAt)} | {Sec(f.SecondsToRecoverAfterKill)} | restarted silo ready after {Sec(f.SecondsSiloReadyAfterKill)} s |");
        s.AppendLine($"| PostgreSQL stopped {f.Plan.Outage.TotalSeconds:0} s | {At(t.PostgresDownAt)} (back {At(t.PostgresBackAt)}) | {Sec(f.SecondsToRecoverAfterPostgres)} | " +
            $"first 503 {Sec(f.SecondsToFirst503AfterPostgresStop)} s after the stop began; slowest answer to a request meeting the outage {Sec(f.SlowestAnswerWhilePostgresDownSeconds)} s |");
        s.AppendLine($"| poison requests | {At(t.PoisonSentAt)} | | {f.Poison.Count(p => p.Refused)} of {f.Poison.Count} refused with 400 |");
        s.AppendLine();
        s.AppendLine("| drop | supply | minted (stream) | acknowledged | summary minted |");
        s.AppendLine("|---|--:|--:|--:|--:|");
        foreach (var d in f.Drops)
            s.AppendLine($"| {d.Id} | {d.Supply:N0} | {d.Minted:N0} | {d.Acknowledged:N0} | {d.SummaryMinted?.ToString("N0") ?? "-"} |");
        s.AppendLine();
        s.AppendLine($"Answers by status: {string.Join(", ", f.AnswersByStatus.Select(kv => $"{kv.Key} {kv.Value:N0}"))}. " +
            $"Restarted silo stopped on Ctrl-C in {Sec(t.ShutdownSeconds)} s. Silo logs: {string.Join(", ", f.SiloLogs)}.");
        s.AppendLine();
        s.AppendLine("| check | passed | detail |");
        s.AppendLine("|---|:-:|---|");
        foreach (var c in f.Checks)
            s.AppendLine($"| {c.Name} | {(c.Passed ? "✓" : "✗")} | {c.Detail.Replace("|", "\\|")} |");
        s.AppendLine();
    }

    private static string Codes(FaultResult f) => f.RejectionsByCode.Count == 0 ? "" : $" ({string.Join(", ", f.RejectionsByCode.Select(kv => $"{kv.Key} {kv.Value:N0}"))})";

    private static string At(double? seconds) => seconds is { } x ? x.ToString("0.0") : "-";

    private static string Sec(double? seconds) => seconds is { } x ? x.ToString("0.00") : "-";
}
