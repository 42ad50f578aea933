using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Venues;

namespace MicroEvents.Drops;

/// <summary>
/// The drop's side of venue quotas, as pure decisions: reserve tokens for a node, take them back, and mint
/// a node's valid vouchers from what it holds. Kept apart from <see cref="DropDecisions"/>: quotas only
/// touch the drop through <see cref="DropState.Quotas"/> and the ordinary <see cref="TokenMinted"/>.
/// </summary>
public static class QuotaDecisions
{
    public const string NodeReturned = "node-returned";
    public const string DropClosed = "drop-closed";

    /// <summary>Reserves untiered tokens; the same allocation id again changes nothing.</summary>
    public static Decision<NodeQuotaView, DropEvent> Allocate(DropState state, string nodeId, string allocationId, long tokens, DateTimeOffset now)
    {
        var drop = DropDecisions.Existing(state).Manifest!;
        if (state.Quotas.AllocationIds.Contains(allocationId)) return Decision<NodeQuotaView, DropEvent>.Unchanged(state.Quotas.View(drop.DropId, nodeId));
        if (tokens < 1) throw new Rejected(RejectionCodes.ValidationFailed, "A quota is at least one token.",
            new Dictionary<string, string[]> { ["tokens"] = ["must be at least 1"] });
        if (state.Phase == DropPhase.Closed) throw new Rejected(RejectionCodes.DropClosed, $"Drop '{drop.DropId}' is closed.");
        var available = UntieredAvailable(state);
        if (tokens > available)
            throw new Rejected(VenueRejectionCodes.QuotaUnavailable, $"Only {available} untiered tokens of '{drop.DropId}' are unclaimed and unreserved.");
        QuotaAllocated allocated = new(nodeId, allocationId, tokens, now);
        return new(state.Apply(allocated).Quotas.View(drop.DropId, nodeId), [allocated]);
    }

    /// <summary>Gives back <paramref name="tokens"/> (all unredeemed when null) of a node's quota to supply.</summary>
    public static Decision<NodeQuotaView, DropEvent> Return(DropState state, string nodeId, long? tokens, DateTimeOffset now)
    {
        var drop = DropDecisions.Existing(state).Manifest!;
        var held = state.Quotas.Of(nodeId).Held;
        var giving = tokens ?? held;
        if (giving < 0 || giving > held)
            throw new Rejected(RejectionCodes.ValidationFailed, $"The node holds {held} tokens of '{drop.DropId}'.",
                new Dictionary<string, string[]> { ["tokens"] = [$"must be between 0 and {held}"] });
        if (giving == 0) return Decision<NodeQuotaView, DropEvent>.Unchanged(state.Quotas.View(drop.DropId, nodeId));
        QuotaReturned returned = new(nodeId, giving, NodeReturned, now);
        return new(state.Apply(returned).Quotas.View(drop.DropId, nodeId), [returned]);
    }

    /// <summary>Every node's unredeemed quota back to supply: what closing a drop adds.</summary>
    public static IEnumerable<DropEvent> ReturnAll(DropState state, DateTimeOffset now) =>
        state.Quotas.ByNode.Where(q => q.Value.Held > 0).Select(q => new QuotaReturned(q.Key, q.Value.Held, DropClosed, now));

    /// <summary>
    /// Mints each voucher from the node's held quota, in the order given (the node actor sorted them). A
    /// voucher minted before answers its token again, so a reconciliation that is retried converges.
    /// </summary>
    public static Decision<IReadOnlyList<VoucherMintResult>, DropEvent> Redeem(DropState state, string nodeId, IReadOnlyList<VoucherMint> mints, DateTimeOffset now)
    {
        var drop = DropDecisions.Existing(state).Manifest!;
        var events = new List<DropEvent>();
        var results = new List<VoucherMintResult>(mints.Count);
        foreach (var mint in mints)
        {
            var claimId = VoucherId.ClaimId(nodeId, mint.VoucherId);
            if (state.Claims.TryFind(claimId, out var earlier))
            {
                results.Add(new(mint.VoucherId, state.Claims[(int)earlier - 1].TokenNumber, null));
                continue;
            }
            if (state.Quotas.Of(nodeId).Held < 1)
            {
                results.Add(new(mint.VoucherId, null, VoucherRejections.NoQuotaHeld));
                continue;
            }
            if (!mint.Custodial && state.HeldBy(mint.Wallet) >= drop.PerWalletLimit)
            {
                results.Add(new(mint.VoucherId, null, VoucherRejections.WalletLimitReached));
                continue;
            }
            var token = state.Pool.Next;
            // A custodial mint names its custody account as the leaf's holder, exactly as a custodial claim does.
            var custodian = mint.Custodial ? mint.Custodian : null;
            DropEvent[] minted = [new TokenMinted(claimId, token, mint.Wallet, null, now, custodian, state.FallbackInForce),
                new VoucherRedeemed(nodeId, mint.VoucherId, mint.Sequence, token, now)];
            foreach (var e in minted) state = state.Apply(e);
            events.AddRange(minted);
            results.Add(new(mint.VoucherId, token, null));
        }
        return new(results, events);
    }

    /// <summary>Untiered tokens neither minted nor reserved.</summary>
    public static long UntieredAvailable(DropState state)
    {
        var m = state.Manifest!;
        var untiered = m.Supply - m.Tiers.Sum(t => t.Allocation);
        return untiered - (state.Minted - state.TierMinted.Sum()) - state.Quotas.Reserved;
    }
}
