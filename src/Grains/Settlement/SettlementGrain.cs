using MicroEvents.EventSourcing;
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
/// neither skips a root nor anchors one twice. A durable reminder brings it back after a silo dies.
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

    public Task Settle() => Work();

    public async Task<SettlementStatus> GetStatus()
    {
        var s = await Stored();
        return new SettlementStatus(chain.ChainId, chain.Signer, Options.Contract ?? s.Contract, s.Paused, s.PauseReason,
            s.Order.Select(k => s.Anchors[k]).ToList());
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

    private async Task Work()
    {
        var s = await Stored();
        metrics.Observe(StreamKey, s.Paused, s.InFlight.Count + s.Queued.Count());
        if (s.InFlight.IsEmpty && !s.Queued.Any()) return;
        var contract = await ContractAddress();
        var head = await chain.Head();
        var spent = await chain.SpentNonces();
        foreach (var tx in Confirmed.InFlight.Values.OrderBy(t => t.Nonce).ToList())
            await Watch(contract, tx, head, spent);
        await SendQueued(contract, spent);
        metrics.Observe(StreamKey, Confirmed.Paused, Confirmed.InFlight.Count + Confirmed.Queued.Count());
    }

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
                // A revert because the root is already there (anchored by an earlier transaction) is success.
                if (await contract.IsAnchored(tx.DropId, tx.Root)) await Execute(s => SettlementDecisions.FoundOnChain(s, tx.DropId, tx.Root, Now));
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
            if (await contract.IsAnchored(tx.DropId, tx.Root)) await Execute(s => SettlementDecisions.FoundOnChain(s, tx.DropId, tx.Root, Now));
            else await Record("failed", s => SettlementDecisions.Fail(s, tx.Nonce, tx.TxHash, "nonce taken by another transaction", requeue: true, Now));
            return;
        }

        if (Now - tx.SentAt >= Options.StuckAfter)
        {
            await Replace(contract, tx);
            return;
        }
        // Recorded but never broadcast (a crash in between), dropped by the node, or undone by a reorg: the same bytes again.
        if (!await chain.IsKnown(tx.TxHash)) await Broadcast(tx.RawTransaction);
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
            if (!await chain.IsKnown(tx.TxHash)) await Broadcast(tx.RawTransaction);
            return;
        }
        var replacement = await chain.Sign(contract.Address, tx.DropId, tx.Root, tx.Nonce, maxFee, tip);
        if (await Record("replaced", s => SettlementDecisions.Replace(s, tx.Nonce, tx.TxHash, replacement, Now)))
            await Broadcast(replacement.RawTransaction);
    }

    private async Task SendQueued(DropsContract contract, long spentNonces)
    {
        if (!Confirmed.Queued.Any()) return;
        var quote = await chain.Fees();
        if (quote.AboveCeiling)
        {
            await Execute(s => SettlementDecisions.Pause(s, "fee above ceiling", quote.Effective, quote.Ceiling, Now));
            return;
        }
        await Execute(s => SettlementDecisions.Resume(s, quote.Effective, Now));
        foreach (var anchor in Confirmed.Queued.ToList())
        {
            if (Confirmed.InFlight.Count >= Options.MaxInFlight) return;
            if (await contract.IsAnchored(anchor.DropId, anchor.Root))
            {
                await Execute(s => SettlementDecisions.FoundOnChain(s, anchor.DropId, anchor.Root, Now));
                continue;
            }
            var nonce = Math.Max(spentNonces, Confirmed.InFlight.Keys.DefaultIfEmpty(-1).Max() + 1);
            var signed = await chain.Sign(contract.Address, anchor.DropId, anchor.Root, nonce, quote.MaxFee, quote.Tip);
            if (await Record("submitted", s => SettlementDecisions.Submit(s, signed, Now))) await Broadcast(signed.RawTransaction);
        }
    }

    private async Task Broadcast(string raw)
    {
        // A refusal leaves the transaction in flight: the next round sends it again or replaces it, so its nonce is never skipped.
        if (await chain.Broadcast(raw) is { } refusal)
            log.LogWarning("The node refused a settlement transaction of {Settlement}: {Refusal}", StreamKey, refusal);
    }

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
