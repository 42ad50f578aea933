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
/// The settlement actor on <c>settlement/{chainId}:{signer}</c>: a thin executor around <see cref="SettlementPlanner"/>.
/// Each round it gathers what the chain shows (<see cref="ChainObserver"/>), asks the planner for the steps (confirm at
/// depth on the canonical chain, replace a stuck transaction under its nonce, re-broadcast one the node lost, send queued
/// roots and hand-off deliveries, fill nonce gaps) and performs them, each recorded through <see cref="SettlementDecisions"/>.
/// Every transaction is recorded before it is broadcast, and the contract is asked before a root is sent, so a restart at
/// any point neither skips a root nor anchors one twice. A durable reminder brings it back after a silo dies. The same
/// nonce sequence carries the signer's other transactions (custodial hand-off deliveries, gap fillers), so no second
/// owner of the signer's nonces ever exists.
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

    /// <summary>One round: observe the chain, plan from what was seen, perform the plan until a step's answer changes it.</summary>
    private async Task Work()
    {
        var s = await Stored();
        metrics.Observe(StreamKey, s.Paused, Pending(s));
        if (!SettlementPlanner.HasWork(s)) return;
        var view = await ChainObserver.Observe(chain, GrainFactory, s, Options);
        if (SettlementPlanner.Next(Confirmed, view, Options, Now) is [DeployContract])
        {
            await Deploy();
            view = await ChainObserver.Observe(chain, GrainFactory, Confirmed, Options);
        }
        foreach (var step in SettlementPlanner.Next(Confirmed, view, Options, Now))
            if (!await Perform(step, view)) break; // the rest is planned again next round, from what the chain shows then
        metrics.Observe(StreamKey, Confirmed.Paused, Pending(Confirmed));
    }

    private static int Pending(SettlementState s) => s.InFlight.Values.Count(t => !t.IsGapFiller) + s.Queued.Count();

    /// <summary>Performs one step; false when the rest of the round's plan no longer holds.</summary>
    private async Task<bool> Perform(SettlementAction step, ChainView view)
    {
        switch (step)
        {
            case Recording recording:
                await Record(recording);
                return true;
            case Rebroadcast again:
                return await Broadcast(again.Nonce, again.TxHash, again.RawTransaction, again.MaxFeePerGas, view);
            case ReplaceTx replace:
                var replacement = await SignReplacement(replace);
                return !await Record("replaced", s => SettlementDecisions.Replace(s, replace.Tx.Nonce, replace.Tx.TxHash, replacement, Now))
                    || await Broadcast(replacement, view);
            case SendAnchor send:
                var signed = await chain.Sign(send.Contract, send.DropId, send.Root, send.Nonce, send.MaxFee, send.Tip);
                return await Record("submitted", s => SettlementDecisions.Submit(s, signed, view.SpentNonces, Now)) && await Broadcast(signed, view);
            case SendDelivery delivery:
                var handOff = await chain.SignDelivery(delivery.Contract, delivery.Receipt, delivery.Wallet, delivery.Nonce, delivery.MaxFee, delivery.Tip);
                return await Record("submitted", s => SettlementDecisions.SubmitDelivery(s, delivery.ClaimId, handOff, view.SpentNonces, Now))
                    && await Broadcast(handOff, view);
            case FillNonceGap gap:
                var filler = await chain.SignGapFiller(gap.Nonce, gap.MaxFee, gap.Tip);
                return await Record("gap filled", s => SettlementDecisions.FillGap(s, filler, view.SpentNonces, Now)) && await Broadcast(filler, view);
            default:
                throw new InvalidOperationException($"No way to perform {step}");
        }
    }

    private async Task Deploy()
    {
        // A fresh local chain (anvil without its state file): deploy and record where.
        var deployed = await chain.Deploy();
        await Execute(s => SettlementDecisions.Deployed(s, deployed.Address, "", Now));
        log.LogInformation("Settlement contract deployed at {Contract} on chain {ChainId}", deployed.Address, chain.ChainId);
    }

    private async Task<SignedAnchor> SignReplacement(ReplaceTx replace)
    {
        var tx = replace.Tx;
        if (tx.IsGapFiller) return await chain.SignGapFiller(tx.Nonce, replace.MaxFee, replace.Tip);
        if (!tx.IsDelivery) return await chain.Sign(replace.Contract, tx.DropId, tx.Root, tx.Nonce, replace.MaxFee, replace.Tip);
        var receipt = await GrainFactory.GetGrain<IReceiptSealerGrain>(tx.DropId).GetReceipt(tx.ClaimId!);
        var wallet = Confirmed.Deliveries[SettlementState.DeliveryKeyOf(tx.DropId, tx.ClaimId!)].Wallet;
        return await chain.SignDelivery(replace.Contract, receipt, wallet, tx.Nonce, replace.MaxFee, replace.Tip);
    }

    private Task<bool> Broadcast(SignedAnchor signed, ChainView view) =>
        Broadcast(signed.Nonce, signed.TxHash, signed.RawTransaction, signed.MaxFeePerGas.ToString(), view);

    /// <summary>
    /// Sends and records the node's answer by its class (<see cref="SettlementPlanner.AfterBroadcast"/>): a permanent
    /// refusal fails the transaction at once (one attempt, never re-sent; its nonce is free again), lack of funds pauses,
    /// anything else leaves it in flight for the next round.
    /// </summary>
    private async Task<bool> Broadcast(long nonce, string txHash, string raw, string maxFee, ChainView view)
    {
        var refusal = await chain.Broadcast(raw);
        metrics.Broadcasts.Add(1, new KeyValuePair<string, object?>("outcome", refusal is null ? "accepted" : Outcome(refusal.Kind)));
        if (refusal is not null)
            log.LogWarning("The node refused settlement transaction {TxHash} (nonce {Nonce}) of {Settlement}: {Refusal} ({Kind})",
                txHash, nonce, StreamKey, refusal.Message, refusal.Kind);
        if (SettlementPlanner.AfterBroadcast(refusal, nonce, txHash, maxFee, view.Fees.Ceiling) is { } answer) await Record(answer);
        return SettlementPlanner.PlanHolds(refusal);
    }

    private static string Outcome(RefusalKind kind) => kind switch
    {
        RefusalKind.Permanent => "refused",
        RefusalKind.InsufficientFunds => "insufficient funds",
        RefusalKind.NonceUsed => "nonce used",
        _ => "refused for now",
    };

    private Task<bool> Record(Recording recording) =>
        recording.Outcome is { } outcome ? Record(outcome, s => recording.Decide(s, Now)) : Execute(s => recording.Decide(s, Now));

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
