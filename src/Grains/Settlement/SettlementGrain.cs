using MicroEvents.Claims;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Settlement.Chain;
using MicroEvents.Settlement.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroEvents.Settlement;

/// <summary>
/// The settlement actor: a thin shell around <see cref="SettlementDecisions"/> on <c>settlement/{chainId}:{signer}</c>.
/// Each round it watches its transactions (confirm after the configured depth on the canonical chain, replace
/// a stuck one under its nonce, re-broadcast one the node lost) and sends queued roots. Every transaction is
/// recorded before it is broadcast, and the contract is asked before a root is sent, so a restart at any point
/// neither skips a root nor anchors one twice. A durable reminder brings it back after a silo dies. The same nonce
/// sequence carries the signer's other transactions: custodial hand-off deliveries (<c>claimHandedOff</c>) and
/// fillers of nonces the node refused, so no second owner of the signer's nonces ever exists.
/// </summary>
public sealed class SettlementGrain(EventJournal journal, TimeProvider clock, AnchorChain chain, IOptions<SettlementOptions> options,
    SettlementMetrics metrics, ILogger<SettlementGrain> log)
    : EventSourcedGrain<SettlementState, SettlementEvent>(journal, clock), ISettlementGrain, IRemindable
{
    private const string WakeUp = "settle";
    private SettlementOptions Options => options.Value;
    private DateTimeOffset Now => Clock.GetUtcNow();
    private bool _reminded;

    protected override string Kind => "settlement";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        this.RegisterGrainTimer(Round, new GrainTimerCreationOptions(Options.PollInterval, Options.PollInterval) { KeepAlive = true });
    }

    public async Task Queue(IReadOnlyList<AnchorRequest> requests)
    {
        await Execute(s => SettlementDecisions.Queue(s, requests, Now));
        await EnsureWakeUp();
    }

    public async Task Deliver(IReadOnlyList<DeliveryRequest> requests)
    {
        if (!Options.DeliverHandOffs) return;
        await Execute(s => SettlementDecisions.QueueDeliveries(s, requests, Now));
        await EnsureWakeUp();
    }

    public Task Settle() => Work();

    public async Task<SettlementStatus> GetStatus()
    {
        var s = await Stored();
        return new SettlementStatus(chain.ChainId, chain.Signer, Options.Contract ?? s.Contract, s.Paused, s.PauseReason,
            s.Order.Select(k => s.Anchors[k]).ToList(), s.DeliveryOrder.Select(k => s.Deliveries[k]).ToList());
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask; // activation starts the rounds

    private async Task Round(CancellationToken ct)
    {
        try
        {
            await Work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The chain or storage is briefly out of reach: the next round starts from the stream again.
            log.LogWarning(e, "Settlement round for {Settlement} failed; retrying next round", StreamKey);
        }
    }

    public async Task<IReadOnlyList<AnchorView>> Retry(string dropId)
    {
        await Execute(s => SettlementDecisions.Retry(s, dropId, Now));
        await EnsureWakeUp();
        return Confirmed.Order.Select(k => Confirmed.Anchors[k]).Where(a => a.DropId == dropId).ToList();
    }

    private async Task Work()
    {
        var s = await Stored();
        metrics.Observe(StreamKey, s.Paused, Pending(s));
        if (s.InFlight.IsEmpty && !s.Queued.Any() && !s.QueuedDeliveries.Any()) return;
        var contract = await ContractAddress();
        var head = await chain.Head();
        var spent = await chain.SpentNonces();
        foreach (var tx in Confirmed.InFlight.Values.OrderBy(t => t.Nonce).ToList())
            await Watch(contract, tx, head, spent);
        await SendQueued(contract, spent);
        await SendDeliveries(contract, spent);
        await FillGaps(spent);
        metrics.Observe(StreamKey, Confirmed.Paused, Pending(Confirmed));
    }

    private static int Pending(SettlementState s) => s.InFlight.Values.Count(t => !t.IsGapFiller) + s.Queued.Count();

    private async Task<DropsContract> ContractAddress()
    {
        if (Options.Contract is { } configured) return await chain.Contract(configured);
        if (Confirmed.Contract is { } recorded && await (await chain.Contract(recorded)).Exists()) return await chain.Contract(recorded);
        // A fresh local chain (anvil without its state file): deploy and record where.
        var deployed = await chain.Deploy();
        await Execute(s => SettlementDecisions.Deployed(s, deployed.Address, "", Now));
        log.LogInformation("Settlement contract deployed at {Contract} on chain {ChainId}", deployed.Address, chain.ChainId);
        return deployed;
    }

    private async Task Watch(DropsContract contract, InFlightTx tx, long head, long spentNonces)
    {
        MinedTx? mined = null;
        foreach (var hash in tx.Hashes.Reverse())
            if ((mined = await chain.Receipt(hash)) is not null) break;

        if (mined is not null)
        {
            if (!mined.Succeeded)
            {
                await Record("failed", s => SettlementDecisions.Fail(s, tx.Nonce, mined.TxHash, "reverted", requeue: false, Now));
                // A revert because the root is already there (anchored by an earlier transaction) is success; so is a token already minted.
                if (tx.IsDelivery) await FoundIfMinted(contract, tx.DropId, tx.ClaimId!);
                else if (!tx.IsGapFiller && await contract.IsAnchored(tx.DropId, tx.Root)) await Execute(s => SettlementDecisions.FoundOnChain(s, tx.DropId, tx.Root, Now));
                return;
            }
            var confirmations = head - mined.Block + 1;
            // Final only at depth, and only if that block is still the canonical one (a reorg re-mines or drops it).
            if (confirmations >= Options.Confirmations && await chain.BlockHash(mined.Block) == mined.BlockHash)
                await Record("confirmed", s => SettlementDecisions.Confirm(s, tx.Nonce, mined.TxHash, mined.Block, mined.BlockHash, confirmations, Now));
            return;
        }

        if (spentNonces > tx.Nonce)
        {
            // The nonce is spent, by none of ours: another sender used this key. Anchored anyway, or send again.
            if (tx.IsDelivery)
            {
                if (!await FoundIfMinted(contract, tx.DropId, tx.ClaimId!))
                    await Record("failed", s => SettlementDecisions.Fail(s, tx.Nonce, tx.TxHash, "nonce taken by another transaction", requeue: true, Now));
            }
            else if (tx.IsGapFiller) await Record("failed", s => SettlementDecisions.Fail(s, tx.Nonce, tx.TxHash, "nonce taken by another transaction", requeue: false, Now));
            else if (await contract.IsAnchored(tx.DropId, tx.Root)) await Execute(s => SettlementDecisions.FoundOnChain(s, tx.DropId, tx.Root, Now));
            else await Record("failed", s => SettlementDecisions.Fail(s, tx.Nonce, tx.TxHash, "nonce taken by another transaction", requeue: true, Now));
            return;
        }

        if (Now - tx.SentAt >= Options.StuckAfter)
        {
            await Replace(contract, tx);
            return;
        }
        // Recorded but never broadcast (a crash in between), dropped by the node, or undone by a reorg: the same bytes
        // again, unless the node still holds one of its earlier versions (that one may yet be mined).
        if (!await AnyKnown(tx)) await Broadcast(tx.Nonce, tx.TxHash, tx.RawTransaction, tx.MaxFeePerGas);
    }

    private async Task<bool> AnyKnown(InFlightTx tx)
    {
        foreach (var hash in tx.Hashes.Reverse())
            if (await chain.IsKnown(hash)) return true;
        return false;
    }

    private async Task Replace(DropsContract contract, InFlightTx tx)
    {
        var quote = await chain.Fees();
        var bump = 100 + Options.FeeBumpPercent;
        var maxFee = System.Numerics.BigInteger.Max(System.Numerics.BigInteger.Parse(tx.MaxFeePerGas) * bump / 100 + 1, quote.MaxFee);
        var tip = System.Numerics.BigInteger.Max(System.Numerics.BigInteger.Parse(tx.MaxPriorityFeePerGas) * bump / 100 + 1, quote.Tip);
        if (maxFee > quote.Ceiling)
        {
            await Execute(s => SettlementDecisions.Pause(s, "replacement fee above ceiling", maxFee, quote.Ceiling, Now));
            if (!await AnyKnown(tx)) await Broadcast(tx.Nonce, tx.TxHash, tx.RawTransaction, tx.MaxFeePerGas);
            return;
        }
        var replacement = tx.IsGapFiller ? await chain.SignGapFiller(tx.Nonce, maxFee, tip)
            : tx.IsDelivery ? await chain.SignDelivery(contract.Address, await Receipt(tx.DropId, tx.ClaimId!), Confirmed.Deliveries[SettlementState.DeliveryKeyOf(tx.DropId, tx.ClaimId!)].Wallet, tx.Nonce, maxFee, tip)
            : await chain.Sign(contract.Address, tx.DropId, tx.Root, tx.Nonce, maxFee, tip);
        if (await Record("replaced", s => SettlementDecisions.Replace(s, tx.Nonce, tx.TxHash, replacement, Now)))
            await Broadcast(replacement.Nonce, replacement.TxHash, replacement.RawTransaction, replacement.MaxFeePerGas.ToString());
    }

    private async Task SendQueued(DropsContract contract, long spentNonces)
    {
        if (!Confirmed.Queued.Any()) return;
        // Unfunded: every new transaction would be refused too; the one in flight is re-sent each round and its acceptance resumes.
        if (Confirmed.PauseReason == SettlementDecisions.InsufficientFunds) return;
        var quote = await chain.Fees();
        if (quote.AboveCeiling)
        {
            await Execute(s => SettlementDecisions.Pause(s, "fee above ceiling", quote.Effective, quote.Ceiling, Now));
            return;
        }
        await Execute(s => SettlementDecisions.Resume(s, quote.Effective, Now));
        foreach (var anchor in Confirmed.Queued.ToList())
        {
            if (Confirmed.InFlight.Count >= Options.MaxInFlight || Confirmed.Paused) return;
            if (await contract.IsAnchored(anchor.DropId, anchor.Root))
            {
                await Execute(s => SettlementDecisions.FoundOnChain(s, anchor.DropId, anchor.Root, Now));
                continue;
            }
            var signed = await chain.Sign(contract.Address, anchor.DropId, anchor.Root, Confirmed.FreeNonce(spentNonces), quote.MaxFee, quote.Tip);
            if (await Record("submitted", s => SettlementDecisions.Submit(s, signed, spentNonces, Now)))
                await Broadcast(signed.Nonce, signed.TxHash, signed.RawTransaction, signed.MaxFeePerGas.ToString());
        }
    }

    /// <summary>
    /// Custodial hand-offs go on chain from the custody account once their root is anchored: the contract is asked
    /// first, so a token the holder already claimed itself (or an earlier delivery minted) is recorded, never sent.
    /// </summary>
    private async Task SendDeliveries(DropsContract contract, long spentNonces)
    {
        if (!Confirmed.QueuedDeliveries.Any() || Confirmed.Paused) return;
        var quote = await chain.Fees();
        if (quote.AboveCeiling) return; // SendQueued pauses visibly when it has roots; deliveries wait with them
        foreach (var delivery in Confirmed.QueuedDeliveries.ToList())
        {
            if (Confirmed.InFlight.Count >= Options.MaxInFlight || Confirmed.Paused) return;
            ReceiptView receipt;
            try
            {
                receipt = await Receipt(delivery.DropId, delivery.ClaimId);
                var claim = await GrainFactory.GetGrain<IClaimGrain>(ClaimKey.Of(delivery.DropId, delivery.ClaimId)).GetStatus();
                // Only a hand-off the claim actor recorded, to that wallet: the custody account never moves anyone else's token.
                if (claim.Custody != Custody.HandedOff || !string.Equals(claim.Holder, delivery.Wallet, StringComparison.OrdinalIgnoreCase)) continue;
            }
            catch (Rejected) { continue; } // not sealed yet: a later round
            var anchor = Confirmed.Anchors.GetValueOrDefault(SettlementState.KeyOf(delivery.DropId, receipt.Root));
            if (anchor?.State != AnchorStates.Anchored && !await contract.IsAnchored(delivery.DropId, receipt.Root)) continue;
            if (await FoundIfMinted(contract, delivery.DropId, delivery.ClaimId, receipt.Leaf.TokenNumber)) continue;
            var signed = await chain.SignDelivery(contract.Address, receipt, delivery.Wallet, Confirmed.FreeNonce(spentNonces), quote.MaxFee, quote.Tip);
            if (await Record("submitted", s => SettlementDecisions.SubmitDelivery(s, delivery.ClaimId, signed, spentNonces, Now)))
                await Broadcast(signed.Nonce, signed.TxHash, signed.RawTransaction, signed.MaxFeePerGas.ToString());
        }
    }

    private Task<ReceiptView> Receipt(string dropId, string claimId) => GrainFactory.GetGrain<IReceiptSealerGrain>(dropId).GetReceipt(claimId);

    private async Task<bool> FoundIfMinted(DropsContract contract, string dropId, string claimId, long? tokenNumber = null)
    {
        var number = tokenNumber ?? (await Receipt(dropId, claimId)).Leaf.TokenNumber;
        if (await contract.OwnerIfMinted(dropId, number) is not { } owner) return false;
        await Execute(s => SettlementDecisions.DeliveryFound(s, dropId, claimId, owner, Now));
        return true;
    }

    /// <summary>
    /// A refused nonce below transactions already sent holds them all back. Nothing queued took it (queued roots go
    /// to the lowest free nonce first), so a 0-value self-transfer spends it. Re-signing every later transaction one
    /// nonce down was the alternative: each would replace its old bytes still in the node's pool (a fee bump per
    /// nonce, racing the old copy), and any of those could still be mined; a filler touches one nonce and leaves
    /// every recorded transaction valid.
    /// </summary>
    private async Task FillGaps(long spentNonces)
    {
        if (Confirmed.PauseReason == SettlementDecisions.InsufficientFunds || !Confirmed.Gaps(spentNonces).Any()) return;
        var quote = await chain.Fees();
        if (quote.AboveCeiling) return; // SendQueued pauses visibly; the filler waits with everything else
        foreach (var gap in Confirmed.Gaps(spentNonces).ToList())
        {
            var filler = await chain.SignGapFiller(gap, quote.MaxFee, quote.Tip);
            if (await Record("gap filled", s => SettlementDecisions.FillGap(s, filler, spentNonces, Now)))
                await Broadcast(filler.Nonce, filler.TxHash, filler.RawTransaction, filler.MaxFeePerGas.ToString());
        }
    }

    /// <summary>
    /// Sends and acts on the node's answer: a permanent refusal fails the transaction at once (one attempt, never
    /// re-sent; its nonce is free again), lack of funds pauses, anything else leaves it in flight for the next round.
    /// </summary>
    private async Task Broadcast(long nonce, string txHash, string raw, string maxFee)
    {
        var refusal = await chain.Broadcast(raw);
        metrics.Broadcasts.Add(1, new KeyValuePair<string, object?>("outcome", refusal is null ? "accepted" : Outcome(refusal.Kind)));
        if (refusal is null)
        {
            await Execute(s => SettlementDecisions.Funded(s, System.Numerics.BigInteger.Parse(maxFee), Now));
            return;
        }
        log.LogWarning("The node refused settlement transaction {TxHash} (nonce {Nonce}) of {Settlement}: {Refusal} ({Kind})",
            txHash, nonce, StreamKey, refusal.Message, refusal.Kind);
        switch (refusal.Kind)
        {
            case RefusalKind.Permanent:
                await Record("failed", s => SettlementDecisions.Refused(s, nonce, txHash, refusal.Message, Now));
                break;
            case RefusalKind.InsufficientFunds:
                var ceiling = (await chain.Fees()).Ceiling;
                await Execute(s => SettlementDecisions.Unfunded(s, System.Numerics.BigInteger.Parse(maxFee), ceiling, Now));
                break;
        }
    }

    private static string Outcome(RefusalKind kind) => kind switch
    {
        RefusalKind.Permanent => "refused",
        RefusalKind.InsufficientFunds => "insufficient funds",
        RefusalKind.NonceUsed => "nonce used",
        _ => "refused for now",
    };

    private async Task<bool> Record(string outcome, Func<SettlementState, Decision<bool, SettlementEvent>> decide)
    {
        var recorded = await Execute(decide);
        if (recorded) metrics.Transactions.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        return recorded;
    }

    private async Task EnsureWakeUp()
    {
        if (_reminded) return;
        try
        {
            await this.RegisterOrUpdateReminder(WakeUp, Options.WakeUpEvery, Options.WakeUpEvery);
            _reminded = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "No reminder for {Settlement}: after a silo restart it resumes on its next queued root", StreamKey);
        }
    }
}
