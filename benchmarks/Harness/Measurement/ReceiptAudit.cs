using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Benchmarks.Scenarios;
using MicroEvents.Drops;
using MicroEvents.Gateway.Receipts;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>Receipts sealed during a load: sampled receipts verify against the drop's signer.</summary>
public static class ReceiptAudit
{
    public static async Task<Check> Verify(IReceiptSealerGrain sealer, IDropGrain drop, long minted)
    {
        await sealer.SealPending();
        if (minted == 0) return new Check("receipts", true, "nothing minted");
        var signer = await sealer.GetSigner();
        var failures = new List<string>();
        var checkedReceipts = 0;
        for (long index = 0; checkedReceipts < 3 && index < minted * 2; index++)
        {
            var claimId = BenchDrops.Claim(index).ClaimId;
            ReceiptView receipt;
            try { receipt = await sealer.GetReceipt(claimId); }
            catch (MicroEvents.Rejections.Rejected) { continue; }
            checkedReceipts++;
            var verdict = ReceiptVerifier.Verify(ReceiptEndpoints.ToBatchReceipt(receipt), signer);
            if (verdict != ReceiptVerdict.Valid || receipt.Leaf.ClaimId != claimId) failures.Add($"{claimId}: {verdict}");
        }
        if (checkedReceipts == 0) failures.Add("no receipt could be fetched");
        return new Check("receipts", failures.Count == 0, failures.Count == 0 ? $"{checkedReceipts} sampled receipts of {minted:N0} mints verify against {signer}" : string.Join("; ", failures));
    }

    /// <summary>Adds the throughput ratio against plain hot-drop at the same level, when this run measured it.</summary>
    public static ScenarioResult Compared(ScenarioResult withReceipts, IEnumerable<ScenarioResult> earlier)
    {
        var plain = earlier.FirstOrDefault(r => r.Scenario == ScenarioNames.HotDrop && r.Concurrency == withReceipts.Concurrency);
        var note = plain is null
            ? "receipts on; run hot-drop at the same level in the same run for the on/off ratio"
            : $"receipts on: {withReceipts.ClaimsPerSecond:N0}/s vs off {plain.ClaimsPerSecond:N0}/s = {withReceipts.ClaimsPerSecond / plain.ClaimsPerSecond:P0} (target ≥ 90 %)";
        return withReceipts with { Notes = [.. withReceipts.Notes, note] };
    }
}
