using MicroEvents.Drops;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Venues.Events;

namespace MicroEvents.Venues;

/// <summary>Offline vouchers: upload (idempotent, resumable by chunks) and reconciliation against the drop's quota.</summary>
public sealed partial class VenueNodeGrain
{
    public async Task<UploadReceipt> Upload(VoucherUpload upload)
    {
        var (received, known) = await Execute(s => VoucherDecisions.Receive(s, upload, Now));
        var reports = upload.Complete ? await Reconcile() : [];
        return new UploadReceipt(received, known, Confirmed.Vouchers.Values.Count(v => v.Pending), reports);
    }

    /// <summary>
    /// Per drop: plan against the drop's current quota, mint the winners in one drop command (idempotent by voucher,
    /// so a reconciliation cut short and run again converges), plan again with the drop's answers (a winner the drop
    /// refused leaves its sequence, voucher id and slot to the next copy or voucher in order), until no voucher is left
    /// to try; then record every outcome on the node's stream, and count what was recorded.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationReport>> Reconcile()
    {
        var state = NodeDecisions.Existing(await Stored());
        foreach (var dropId in state.Vouchers.Values.Where(v => v.Pending).Select(v => v.Received.DropId).Distinct().Order(StringComparer.Ordinal))
        {
            var drop = GrainFactory.GetGrain<IDropGrain>(dropId);
            NodeQuotaView quota;
            try
            {
                quota = await drop.GetQuota(Id);
            }
            catch (Rejected r) when (r.Code == RejectionCodes.DropNotFound)
            {
                quota = new NodeQuotaView(dropId, 0, 0, 0, 0);
            }
            var tried = new Dictionary<string, VoucherMintResult>();
            var plan = VoucherDecisions.Plan(Confirmed, dropId, quota, tried);
            while (plan.Where(p => p.Reason is null && !p.Waits && !tried.ContainsKey(p.Voucher.Digest)).Select(p => p.Voucher).ToList() is { Count: > 0 } winners)
            {
                var custodian = winners.Any(v => v.Wallet is null) ? await Custodian(dropId) : "";
                var minted = (await drop.RedeemVouchers(Id,
                    [.. winners.Select(v => new VoucherMint(v.VoucherId, v.Sequence, v.Wallet ?? custodian, v.Wallet is null,
                        v.Wallet is null ? custody.Address : null))])).ToDictionary(m => m.VoucherId);
                var answered = 0;
                foreach (var v in winners)
                    if (minted.TryGetValue(v.VoucherId, out var result)) { tried[v.Digest] = result; answered++; }
                if (answered == 0) break; // the drop answered for none of them: they stay pending
                plan = VoucherDecisions.Plan(Confirmed, dropId, quota, tried);
            }
            var recorded = await Execute(s => VoucherDecisions.Settle(s, plan, tried, Now));
            // Counted from what was recorded, never from the plan: the drop may still refuse a planned winner.
            foreach (var e in recorded)
            {
                var (outcome, reason) = e is VoucherRejected r ? (VoucherOutcomes.Rejected, r.Reason) : (VoucherOutcomes.Redeemed, "");
                metrics.Vouchers.Add(1, new("outcome", outcome), new("reason", reason));
            }
        }
        return await GetReports(null);
    }

    // A claimant named only by email hash has no wallet yet: the token is minted into custody like a custodial claim's,
    // held on chain by the settlement custody account, so settlement can deliver its hand-off (the contract takes a
    // hand-off only from the leaf's holder). With settlement off, the drop's signing key holds it, as it always did.
    private async Task<string> Custodian(string dropId) =>
        custody.Address ?? await GrainFactory.GetGrain<IReceiptSealerGrain>(dropId).GetSigner();

    public async Task<IReadOnlyList<ReconciliationReport>> GetReports(string? dropId)
    {
        var state = NodeDecisions.Existing(await Stored());
        var drops = state.Drops.Union(state.Vouchers.Values.Select(v => v.Received.DropId)).Where(d => dropId is null || d == dropId)
            .Order(StringComparer.Ordinal).ToList();
        var reports = new List<ReconciliationReport>();
        foreach (var d in drops)
        {
            var quota = state.Drops.Contains(d) ? await GrainFactory.GetGrain<IDropGrain>(d).GetQuota(Id) : new NodeQuotaView(d, 0, 0, 0, 0);
            reports.Add(VoucherDecisions.Report(state, d, quota));
        }
        return reports;
    }

    public async Task<IReadOnlyList<VoucherOutcome>> GetVoucherOutcomes(string voucherId) =>
        [.. NodeDecisions.Existing(await Stored()).Vouchers.Values.Where(v => v.Received.VoucherId == voucherId)
            .Select(v => v.Received).Order(VoucherDecisions.Order).Select(r => Confirmed.Vouchers[r.Digest].View)];

    public async Task<IReadOnlyList<CompensationRecord>> GetCompensations() =>
        [.. NodeDecisions.Existing(await Stored()).Vouchers.Values.Where(v => v.Compensation is not null)
            .OrderBy(v => v.Received.DropId, StringComparer.Ordinal).ThenBy(v => v.Received, VoucherDecisions.Order)
            .Select(v => new CompensationRecord(Id, v.Received.VoucherId, v.Received.DropId, v.Received.Sequence, v.Reason!, v.Compensation!,
                v.Received.Wallet, v.Received.EmailHash, v.Received.ReceivedAt))];

    public async Task<RedeemedVoucher?> GetRedeemedVoucher(string dropId, string voucherId)
    {
        var state = await Stored();
        // Reading must not create: an unknown node answers null and leaves nothing behind.
        if (state.Registration is null) { DeactivateOnIdle(); return null; }
        // A voucher id yields at most one token: the one copy redeemed is the one whose claimant may claim it out.
        return state.Vouchers.Values
            .Where(v => v.Received.DropId == dropId && v.Received.VoucherId == voucherId && v.Outcome == VoucherOutcomes.Redeemed && v.TokenNumber is not null)
            .Select(v => new RedeemedVoucher(Id, voucherId, dropId, v.Received.Wallet, v.Received.EmailHash, v.TokenNumber!.Value))
            .FirstOrDefault();
    }

    public async Task<SignedVoucher> GetVoucher(string voucherId)
    {
        var v = NodeDecisions.Existing(await Stored()).Vouchers.Values.Select(v => v.Received).Where(v => v.VoucherId == voucherId)
            .Order(VoucherDecisions.Order).FirstOrDefault()
            ?? throw new Rejected(VenueRejectionCodes.VoucherNotFound, $"Node '{Id}' uploaded no voucher '{voucherId}'.");
        return new SignedVoucher(v.VoucherId, v.DropId, v.NodeId, v.Sequence, v.Wallet, v.EmailHash, v.IssuedAt, v.ExpiresAt, v.Signature);
    }
}
