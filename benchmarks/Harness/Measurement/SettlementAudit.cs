using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Settlement;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>hot-drop with settlement running: the on/off ratio against hot-drop-receipts, and how far settlement got.</summary>
public static class SettlementAudit
{
    public static async Task<ScenarioResult> Compared(ScenarioResult withSettlement, IEnumerable<ScenarioResult> earlier, ISettlementGrain settlement, string dropId)
    {
        var without = earlier.FirstOrDefault(r => r.Scenario == ScenarioNames.HotDropReceipts && r.Concurrency == withSettlement.Concurrency);
        var ratio = without is null
            ? "settlement on; run hot-drop-receipts at the same level in the same run for the on/off ratio"
            : $"settlement on: {withSettlement.ClaimsPerSecond:N0}/s vs off {without.ClaimsPerSecond:N0}/s = {withSettlement.ClaimsPerSecond / without.ClaimsPerSecond:P0} (target ≥ 95 %)";
        var anchors = (await settlement.GetStatus()).Anchors.Where(a => a.DropId == dropId).ToList();
        var progress = $"settlement at the end of the load: {anchors.Count(a => a.State == AnchorStates.Anchored)} roots anchored, " +
            $"{anchors.Count(a => a.State is AnchorStates.Queued or AnchorStates.Submitted)} pending, {anchors.Count(a => a.State == AnchorStates.Failed)} failed";
        return withSettlement with { Notes = [.. withSettlement.Notes, ratio, progress] };
    }
}
