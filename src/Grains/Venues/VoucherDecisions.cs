using System.Text;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Venues;
using MicroEvents.Text;
using MicroEvents.Venues.Events;
using MicroEvents.Wallets;

namespace MicroEvents.Venues;

/// <summary>
/// Offline vouchers as pure decisions: receive an upload (idempotent by content), plan a reconciliation, and
/// record its outcome. The plan orders a drop's pending vouchers by (sequence, issued-at, voucher id, digest),
/// so the lowest sequence wins every clash whatever order the vouchers were uploaded in.
/// </summary>
public static class VoucherDecisions
{
    public const int MaxPerUpload = 500;
    public const int MaxSignatureLength = 140;

    public static Decision<(int Received, int Known), NodeEvent> Receive(NodeState state, VoucherUpload upload, DateTimeOffset now)
    {
        NodeDecisions.Existing(state);
        var vouchers = upload.Vouchers ?? [];
        var checks = new ClientText.Checks();
        if (vouchers.Count > MaxPerUpload) checks.Fail("vouchers", $"at most {MaxPerUpload} per upload; send the rest in further chunks");
        for (var i = 0; i < vouchers.Count && checks.Ok; i++) Validate(vouchers[i], $"vouchers[{i}]", checks);
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The upload is invalid; nothing of it was stored.", checks.Errors);

        var events = new List<NodeEvent>();
        var seen = new HashSet<string>();
        var known = 0;
        foreach (var v in vouchers)
        {
            var received = Received(v, now);
            if (state.Vouchers.ContainsKey(received.Digest) || !seen.Add(received.Digest)) known++;
            else events.Add(received);
        }
        return new((events.Count, known), events);
    }

    private static void Validate(SignedVoucher? v, string at, ClientText.Checks checks)
    {
        if (v is null) { checks.Fail(at, "is required"); return; }
        if (!VoucherId.IsValid(v.VoucherId)) checks.Fail($"{at}.voucherId", VoucherId.Rule);
        if (!DropId.IsValid(v.DropId)) checks.Fail($"{at}.dropId", DropId.Rule);
        if (!NodeId.IsValid(v.NodeId)) checks.Fail($"{at}.nodeId", NodeId.Rule);
        if (v.Sequence < 1) checks.Fail($"{at}.sequence", "must be at least 1");
        if ((v.Wallet is null) == (v.EmailHash is null)) checks.Fail($"{at}.wallet", "exactly one of wallet and emailHash is required");
        if (v.Wallet is not null && (!ClientText.IsValid(v.Wallet, ClientText.MaxIdLength) || !WalletAddress.TryNormalize(v.Wallet, out _)))
            checks.Fail($"{at}.wallet", "must be an address: 0x + 40 hex digits, EIP-55 checksummed if mixed case");
        if (v.EmailHash is not null && (v.EmailHash.Length != 64 || !v.EmailHash.All(char.IsAsciiHexDigit)))
            checks.Fail($"{at}.emailHash", "must be the SHA-256 of the normalised email: 64 hex digits");
        if (checks.Text($"{at}.signature", v.Signature, MaxSignatureLength) && string.IsNullOrEmpty(v.Signature))
            checks.Fail($"{at}.signature", "is required");
        if (v.ExpiresAt <= v.IssuedAt) checks.Fail($"{at}.expiresAt", "must be after issuedAt");
    }

    /// <summary>The voucher as stored: times in whole seconds (what the node signed), signer recovered once, digest as identity.</summary>
    public static VoucherReceived Received(SignedVoucher v, DateTimeOffset now)
    {
        string? wallet = v.Wallet is not null && WalletAddress.TryNormalize(v.Wallet, out var w) ? w : null;
        var emailHash = v.EmailHash?.ToLowerInvariant();
        var (issued, expires) = (NodeMessages.ToSeconds(v.IssuedAt), NodeMessages.ToSeconds(v.ExpiresAt));
        var text = NodeMessages.Voucher(v.DropId, v.NodeId, v.Sequence, v.VoucherId, NodeMessages.Claimant(wallet, emailHash), issued, expires);
        // v 27/28 and 0/1 are one signature: a re-encoded copy is the same voucher (digests of 27/28 uploads are unchanged).
        var digest = NodeMessages.Sha256Hex(Encoding.UTF8.GetBytes(text + "\n" + NodeMessages.CanonicalSignature(v.Signature)));
        return new VoucherReceived(v.VoucherId, v.DropId, v.NodeId, v.Sequence, wallet, emailHash, issued, expires, v.Signature,
            NodeMessages.Signer(text, v.Signature), digest, now);
    }

    /// <summary>
    /// Which of a drop's pending vouchers to mint and which to refuse, and why. <paramref name="quota"/> is the
    /// drop's account of this node: a voucher's sequence must fall within the node's slots (allocated minus
    /// returned), each sequence and voucher id is redeemed once, and never more than the slots in total.
    /// <paramref name="tried"/> holds the drop's answers so far in this reconciliation, by digest: a sequence and a
    /// voucher id are spent only by a minted token, so a copy whose first copy the drop refused (its wallet's limit,
    /// say) is tried next, in order. A copy clashing with a winner not yet tried waits for that winner's answer.
    /// </summary>
    public static IReadOnlyList<PlannedVoucher> Plan(NodeState state, string dropId, NodeQuotaView quota,
        IReadOnlyDictionary<string, VoucherMintResult>? tried = null)
    {
        tried ??= new Dictionary<string, VoucherMintResult>();
        var ofDrop = state.Vouchers.Values.Where(v => v.Received.DropId == dropId).ToList();
        var pending = ofDrop.Where(v => v.Pending).Select(v => v.Received).OrderBy(v => v, Order).ToList();
        var minted = pending.Where(v => tried.TryGetValue(v.Digest, out var r) && r.TokenNumber is not null).ToList();
        var spent = ofDrop.Where(v => v.Outcome == VoucherOutcomes.Redeemed).Select(v => v.Received).Concat(minted).ToList();
        var ids = spent.Select(r => r.VoucherId).ToHashSet(StringComparer.Ordinal);
        var sequences = spent.Select(r => r.Sequence).ToHashSet();
        var (waitingIds, waitingSequences) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<long>());
        var slots = quota.Allocated - quota.Returned;
        var count = quota.Redeemed + minted.Count;

        var plan = new List<PlannedVoucher>();
        foreach (var v in pending)
        {
            if (tried.TryGetValue(v.Digest, out var answer))
            {
                plan.Add(new PlannedVoucher(v, answer.TokenNumber is null ? answer.Reason ?? VoucherRejections.NoQuotaHeld : null));
                continue;
            }
            var reason = Invalid(state, v)
                ?? (ids.Contains(v.VoucherId) ? VoucherRejections.DuplicateVoucher
                : sequences.Contains(v.Sequence) ? VoucherRejections.DuplicateSequence
                : null);
            if (reason is null && (waitingIds.Contains(v.VoucherId) || waitingSequences.Contains(v.Sequence)))
            {
                plan.Add(new PlannedVoucher(v, null, Waits: true));
                continue;
            }
            reason ??= v.Sequence > slots || count >= slots ? VoucherRejections.BeyondQuota : null;
            if (reason is null)
            {
                waitingIds.Add(v.VoucherId);
                waitingSequences.Add(v.Sequence);
                count++;
            }
            plan.Add(new PlannedVoucher(v, reason));
        }
        return plan;
    }

    /// <summary>Lowest sequence first, then earliest issued, then ids: a total order that does not depend on upload order.</summary>
    public static readonly IComparer<VoucherReceived> Order = Comparer<VoucherReceived>.Create((a, b) =>
    {
        var c = a.Sequence.CompareTo(b.Sequence);
        if (c == 0) c = a.IssuedAt.CompareTo(b.IssuedAt);
        if (c == 0) c = string.CompareOrdinal(a.VoucherId, b.VoucherId);
        return c != 0 ? c : string.CompareOrdinal(a.Digest, b.Digest);
    });

    /// <summary>Why a voucher could never be redeemed, on its own: signature, node, key at issue time, expiry.</summary>
    public static string? Invalid(NodeState state, VoucherReceived v)
    {
        if (v.NodeId != state.NodeId) return VoucherRejections.WrongNode;
        if (v.Signer is null || state.Key(v.Signer) is null) return VoucherRejections.BadSignature;
        var key = state.KeyAt(v.Signer, v.IssuedAt);
        if (key is null) return VoucherRejections.KeyNotActive;
        if (key.RevokedFrom is { } revoked && revoked <= v.IssuedAt) return VoucherRejections.KeyRevoked;
        if (v.ExpiresAt <= v.ReceivedAt) return VoucherRejections.Expired;
        return null;
    }

    /// <summary>
    /// Records what a reconciliation came to: the drop's answer for each voucher it was asked about (by digest), the
    /// plan's reason for the rest. A copy of a voucher id or sequence that went to someone else is owed a place on the
    /// waitlist (its holder was handed a voucher the node signed); a copy naming the claimant who got the token is owed nothing.
    /// </summary>
    public static Decision<IReadOnlyList<NodeEvent>, NodeEvent> Settle(NodeState state, IReadOnlyList<PlannedVoucher> plan,
        IReadOnlyDictionary<string, VoucherMintResult> tried, DateTimeOffset now)
    {
        var drop = plan.Count > 0 ? plan[0].Voucher.DropId : "";
        var waitlisted = state.Vouchers.Values.Count(v => v.Received.DropId == drop && v.Compensation?.Remedy == "waitlist");
        var holders = state.Vouchers.Values.Where(v => v.Received.DropId == drop && v.Outcome == VoucherOutcomes.Redeemed).Select(v => v.Received)
            .Concat(plan.Where(p => tried.TryGetValue(p.Voucher.Digest, out var r) && r.TokenNumber is not null).Select(p => p.Voucher)).ToList();
        var events = new List<NodeEvent>();
        foreach (var (v, planned, waits) in plan)
        {
            if (waits || !state.Vouchers.TryGetValue(v.Digest, out var current) || !current.Pending) continue;
            var reason = planned;
            if (reason is null)
            {
                if (!tried.TryGetValue(v.Digest, out var result)) continue; // not sent to the drop: stays pending
                if (result.TokenNumber is { } token)
                {
                    events.Add(new VoucherAccepted(v.VoucherId, v.Digest, v.DropId, token, now));
                    continue;
                }
                reason = result.Reason ?? VoucherRejections.NoQuotaHeld;
            }
            var compensation = SameClaimantHolds(holders, v, reason) ? null : VoucherRejections.For(reason, waitlisted + 1);
            if (compensation?.Remedy == "waitlist") waitlisted++;
            events.Add(new VoucherRejected(v.VoucherId, v.Digest, v.DropId, v.Sequence, reason, compensation?.Remedy ?? "none",
                compensation?.WaitlistPosition, now));
        }
        return new(events, events);
    }

    // A clone naming the very claimant whose copy got the token: that person has their token.
    private static bool SameClaimantHolds(IReadOnlyList<VoucherReceived> holders, VoucherReceived v, string reason) =>
        reason is VoucherRejections.DuplicateVoucher or VoucherRejections.DuplicateSequence
        && holders.Any(h => (reason == VoucherRejections.DuplicateVoucher ? h.VoucherId == v.VoucherId : h.Sequence == v.Sequence)
            && string.Equals(h.Wallet ?? h.EmailHash, v.Wallet ?? v.EmailHash, StringComparison.OrdinalIgnoreCase));

    public static ReconciliationReport Report(NodeState state, string dropId, NodeQuotaView quota)
    {
        var ofDrop = state.Vouchers.Values.Where(v => v.Received.DropId == dropId).ToList();
        return new ReconciliationReport(state.NodeId, dropId, ofDrop.Count,
            ofDrop.Count(v => v.Outcome == VoucherOutcomes.Redeemed), ofDrop.Count(v => v.Pending),
            ofDrop.Where(v => v.Outcome == VoucherOutcomes.Rejected).GroupBy(v => v.Reason!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (long)g.Count()),
            quota.Allocated, quota.Returned, quota.Held);
    }
}

/// <summary>A voucher's place in a reconciliation: mint it (no reason), refuse it, or wait for the answer on a clashing winner.</summary>
public sealed record PlannedVoucher(VoucherReceived Voucher, string? Reason, bool Waits = false);
