using System.Numerics;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Settlement;

/// <summary>
/// The settlement actor's round as a pure plan: <see cref="Next"/> turns the stream's state and what the round saw of
/// the chain into the steps to take, in order. It watches each transaction in flight (confirmed at depth on the
/// canonical chain; a revert or a nonce another sender took fails it, unless the contract shows the work done; a
/// stuck one is re-signed with bumped fees, or pauses when that would pass the ceiling; one the node lost is sent
/// again), then sends queued roots and hand-off deliveries at the lowest free nonces, then fills nonce gaps.
/// Steps that only record are folded into the plan's own copy of the state as it goes, so later steps see them
/// (a requeued root is sent again in the same round), exactly as the stream will after they are recorded.
/// </summary>
public static class SettlementPlanner
{
    public const string FeeAboveCeiling = "fee above ceiling";
    public const string ReplacementAboveCeiling = "replacement fee above ceiling";

    /// <summary>Nothing in flight and nothing queued: the round asks the chain nothing.</summary>
    public static bool HasWork(SettlementState s) => !s.InFlight.IsEmpty || s.Queued.Any() || s.QueuedDeliveries.Any();

    public static IReadOnlyList<SettlementAction> Next(SettlementState state, ChainView chain, SettlementOptions options, DateTimeOffset now)
    {
        if (!HasWork(state)) return [];
        if (chain.Contract is not { } contract) return [new DeployContract()];
        var plan = new Plan(state, now);
        foreach (var tx in state.InFlight.Values.OrderBy(t => t.Nonce)) Watch(plan, contract, tx, chain, options, now);
        SendQueued(plan, contract, chain, options);
        SendDeliveries(plan, contract, chain, options);
        FillGaps(plan, chain);
        return plan.Steps;
    }

    /// <summary>
    /// The node's answer to a broadcast, by refusal class: taken (a pause for lack of funds ends), refused for good (the
    /// transaction fails once; its nonce is free again), refused for lack of funds (pause). Anything else leaves the
    /// transaction in flight for the next round.
    /// </summary>
    public static Recording? AfterBroadcast(NodeRefusal? refusal, long nonce, string txHash, string maxFeePerGas, BigInteger ceiling) =>
        refusal?.Kind switch
        {
            null => new FundedAgain(BigInteger.Parse(maxFeePerGas)),
            RefusalKind.Permanent => new RefuseTx(nonce, txHash, refusal.Message),
            RefusalKind.InsufficientFunds => new PauseSettlement(SettlementDecisions.InsufficientFunds, BigInteger.Parse(maxFeePerGas), ceiling),
            _ => null,
        };

    /// <summary>Whether the rest of a round's plan still holds after this answer: not when a nonce came free or sending paused.</summary>
    public static bool PlanHolds(NodeRefusal? refusal) => refusal?.Kind is not (RefusalKind.Permanent or RefusalKind.InsufficientFunds);

    private static void Watch(Plan plan, string contract, InFlightTx tx, ChainView chain, SettlementOptions options, DateTimeOffset now)
    {
        var seen = chain.Sighting(tx.Nonce);
        if (seen.Mined is { } mined)
        {
            if (!mined.Succeeded)
            {
                plan.Record(new FailTx(tx.Nonce, mined.TxHash, "reverted", Requeue: false));
                // A revert because the root is already there (anchored by an earlier transaction) is success; so is a token already minted.
                if (tx.IsDelivery) FoundIfMinted(plan, chain, tx.DropId, tx.ClaimId!);
                else if (!tx.IsGapFiller && chain.IsAnchored(tx.DropId, tx.Root)) plan.Record(new MarkAnchored(tx.DropId, tx.Root));
                return;
            }
            var confirmations = chain.Head - mined.Block + 1;
            // Final only at depth, and only if that block is still the canonical one (a reorg re-mines or drops it).
            if (confirmations >= options.Confirmations && seen.Canonical)
                plan.Record(new ConfirmTx(tx.Nonce, mined.TxHash, mined.Block, mined.BlockHash, confirmations));
            return;
        }

        if (chain.SpentNonces > tx.Nonce)
        {
            // The nonce is spent, by none of ours: another sender used this key. Anchored anyway, or send again.
            const string taken = "nonce taken by another transaction";
            if (tx.IsDelivery)
            {
                if (!FoundIfMinted(plan, chain, tx.DropId, tx.ClaimId!)) plan.Record(new FailTx(tx.Nonce, tx.TxHash, taken, Requeue: true));
            }
            else if (tx.IsGapFiller) plan.Record(new FailTx(tx.Nonce, tx.TxHash, taken, Requeue: false));
            else if (chain.IsAnchored(tx.DropId, tx.Root)) plan.Record(new MarkAnchored(tx.DropId, tx.Root));
            else plan.Record(new FailTx(tx.Nonce, tx.TxHash, taken, Requeue: true));
            return;
        }

        if (now - tx.SentAt >= options.StuckAfter)
        {
            Replace(plan, contract, tx, seen, chain.Fees, options);
            return;
        }
        // Recorded but never broadcast (a crash in between), dropped by the node, or undone by a reorg: the same bytes
        // again, unless the node still holds one of its earlier versions (that one may yet be mined).
        if (!seen.Known) plan.Do(new Rebroadcast(tx.Nonce, tx.TxHash, tx.RawTransaction, tx.MaxFeePerGas));
    }

    private static void Replace(Plan plan, string contract, InFlightTx tx, TxSighting seen, FeeQuote quote, SettlementOptions options)
    {
        var bump = 100 + options.FeeBumpPercent;
        var maxFee = BigInteger.Max(BigInteger.Parse(tx.MaxFeePerGas) * bump / 100 + 1, quote.MaxFee);
        var tip = BigInteger.Max(BigInteger.Parse(tx.MaxPriorityFeePerGas) * bump / 100 + 1, quote.Tip);
        if (maxFee > quote.Ceiling)
        {
            plan.Record(new PauseSettlement(ReplacementAboveCeiling, maxFee, quote.Ceiling));
            if (!seen.Known) plan.Do(new Rebroadcast(tx.Nonce, tx.TxHash, tx.RawTransaction, tx.MaxFeePerGas));
            return;
        }
        plan.Do(new ReplaceTx(contract, tx, maxFee, tip));
    }

    private static void SendQueued(Plan plan, string contract, ChainView chain, SettlementOptions options)
    {
        if (!plan.State.Queued.Any()) return;
        // Unfunded: every new transaction would be refused too; the one in flight is re-sent each round and its acceptance resumes.
        if (plan.State.PauseReason == SettlementDecisions.InsufficientFunds) return;
        var quote = chain.Fees;
        if (quote.AboveCeiling)
        {
            plan.Record(new PauseSettlement(FeeAboveCeiling, quote.Effective, quote.Ceiling));
            return;
        }
        plan.Record(new ResumeSettlement(quote.Effective));
        foreach (var anchor in plan.State.Queued.ToList())
        {
            if (plan.InFlight >= options.MaxInFlight || plan.State.Paused || !chain.Asked(anchor.DropId, anchor.Root)) return;
            if (chain.IsAnchored(anchor.DropId, anchor.Root))
            {
                plan.Record(new MarkAnchored(anchor.DropId, anchor.Root));
                continue;
            }
            plan.Send(new SendAnchor(contract, anchor.DropId, anchor.Root, plan.FreeNonce(chain.SpentNonces), quote.MaxFee, quote.Tip));
        }
    }

    /// <summary>
    /// Custodial hand-offs go on chain from the custody account once their root is anchored: the contract is asked
    /// first, so a token the holder already claimed itself (or an earlier delivery minted) is recorded, never sent.
    /// Only a hand-off the claim actor recorded, to that wallet: the custody account never moves anyone else's token.
    /// </summary>
    private static void SendDeliveries(Plan plan, string contract, ChainView chain, SettlementOptions options)
    {
        if (!plan.State.QueuedDeliveries.Any() || plan.State.Paused) return;
        var quote = chain.Fees;
        if (quote.AboveCeiling) return; // roots pause visibly when there are any; deliveries wait with them
        foreach (var delivery in plan.State.QueuedDeliveries.ToList())
        {
            if (plan.InFlight >= options.MaxInFlight || plan.State.Paused) return;
            if (chain.Delivery(delivery.DropId, delivery.ClaimId) is not { Receipt: { } receipt, HandedOff: true }) continue; // not sealed yet: a later round
            var anchor = plan.State.Anchors.GetValueOrDefault(SettlementState.KeyOf(delivery.DropId, receipt.Root));
            if (anchor?.State != AnchorStates.Anchored && !chain.IsAnchored(delivery.DropId, receipt.Root)) continue;
            if (FoundIfMinted(plan, chain, delivery.DropId, delivery.ClaimId)) continue;
            plan.Send(new SendDelivery(contract, delivery.DropId, delivery.ClaimId, delivery.Wallet, receipt, plan.FreeNonce(chain.SpentNonces),
                quote.MaxFee, quote.Tip));
        }
    }

    /// <summary>
    /// A refused nonce below transactions already sent holds them all back. Nothing queued took it (queued roots go
    /// to the lowest free nonce first), so a 0-value self-transfer spends it. Re-signing every later transaction one
    /// nonce down was the alternative: each would replace its old bytes still in the node's pool (a fee bump per
    /// nonce, racing the old copy), and any of those could still be mined; a filler touches one nonce and leaves
    /// every recorded transaction valid.
    /// </summary>
    private static void FillGaps(Plan plan, ChainView chain)
    {
        if (plan.State.PauseReason == SettlementDecisions.InsufficientFunds || chain.Fees.AboveCeiling) return;
        foreach (var gap in plan.Gaps(chain.SpentNonces))
            if (!plan.State.RefusedFillers.Contains(gap))
                plan.Send(new FillNonceGap(gap, chain.Fees.MaxFee, chain.Fees.Tip));
    }

    private static bool FoundIfMinted(Plan plan, ChainView chain, string dropId, string claimId)
    {
        if (chain.Delivery(dropId, claimId)?.Owner is not { } owner) return false;
        plan.Record(new MarkDelivered(dropId, claimId, owner));
        return true;
    }

    /// <summary>The steps so far and the state they leave; nonces the planned sends will take.</summary>
    private sealed class Plan(SettlementState state, DateTimeOffset now)
    {
        private readonly HashSet<long> _sending = [];

        public List<SettlementAction> Steps { get; } = [];

        public SettlementState State { get; private set; } = state;

        public int InFlight => State.InFlight.Count + _sending.Count;

        /// <summary>A recording that would record nothing is no step.</summary>
        public void Record(Recording step)
        {
            var decision = step.Decide(State, now);
            if (decision.Events.Count == 0) return;
            State = decision.Events.Aggregate(State, (s, e) => s.Apply(e));
            Steps.Add(step);
        }

        public void Do(SettlementAction step) => Steps.Add(step);

        public void Send(SettlementAction step)
        {
            _sending.Add(step switch
            {
                SendAnchor a => a.Nonce,
                SendDelivery d => d.Nonce,
                FillNonceGap f => f.Nonce,
                _ => throw new ArgumentOutOfRangeException(nameof(step)),
            });
            // The state shows the item as no longer queued only once it is recorded; the plan takes it off here.
            State = step switch
            {
                SendAnchor a => State with { Anchors = State.Anchors.SetItem(SettlementState.KeyOf(a.DropId, a.Root),
                    State.Anchors[SettlementState.KeyOf(a.DropId, a.Root)] with { State = AnchorStates.Submitted, Nonce = a.Nonce }) },
                SendDelivery d => State with { Deliveries = State.Deliveries.SetItem(SettlementState.DeliveryKeyOf(d.DropId, d.ClaimId),
                    State.Deliveries[SettlementState.DeliveryKeyOf(d.DropId, d.ClaimId)] with { State = AnchorStates.Submitted, Nonce = d.Nonce }) },
                _ => State,
            };
            Steps.Add(step);
        }

        public long FreeNonce(long spentNonces)
        {
            var nonce = spentNonces;
            while (State.InFlight.ContainsKey(nonce) || _sending.Contains(nonce)) nonce++;
            return nonce;
        }

        public List<long> Gaps(long spentNonces)
        {
            var held = State.InFlight.Keys.Concat(_sending).ToList();
            if (held.Count == 0) return [];
            var highest = held.Max();
            var gaps = new List<long>();
            for (var n = spentNonces; n < highest; n++)
                if (!State.InFlight.ContainsKey(n) && !_sending.Contains(n)) gaps.Add(n);
            return gaps;
        }
    }
}
