using System.Diagnostics.Metrics;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using MicroEvents.Settlement.Events;
using Nethereum.Hex.HexTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>
/// The settlement actor against a real anvil: sealed roots arrive through the feed and are anchored once each,
/// at depth; a stuck transaction is replaced under its nonce; a shallow reorg, a silo restart between submit
/// and confirm, and a fee above the ceiling are all survived without a duplicate or lost anchor.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class SettlementTests(SettlementCluster cluster) : IClassFixture<SettlementCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TestChain Chain => cluster.Chain;
    private ISettlementGrain Settlement => cluster.Settlement;

    [Fact]
    public async Task sealed_roots_reach_the_chain_through_the_feed_once_each_and_final_only_at_depth()
    {
        await Chain.Rpc<object>("evm_setIntervalMining", 1);
        try
        {
            var dropId = Samples.NewId();
            var drop = await cluster.Client.OpenDrop(Samples.Drop(dropId, supply: 300));
            await Task.WhenAll(Enumerable.Range(1, 300).Select(i => drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), null))));
            await cluster.Client.GetGrain<IReceiptSealerGrain>(dropId).SealPending();
            var roots = await SealedRoots.Of(cluster, dropId);
            roots.Should().NotBeEmpty();

            await Eventually.True(async () => (await Anchors(dropId)) is { Count: > 0 } a && a.Count == roots.Count && a.All(x => x.State == AnchorStates.Anchored),
                Patience, "every sealed root of the drop anchored");

            var status = await Settlement.GetStatus();
            var contract = new DropsContract(Chain.Signer(), status.Contract!);
            foreach (var root in roots)
            {
                (await contract.IsAnchored(dropId, root)).Should().BeTrue();
                (await contract.AnchorEventsFor(root)).Should().Be(1, "a root is anchored by one transaction");
            }
            var confirmed = (await Events<TxConfirmed>()).Where(c => (status.Anchors.Any(a => a.DropId == dropId && a.TxHash == c.TxHash))).ToList();
            confirmed.Should().HaveCount(roots.Count).And.OnlyContain(c => c.Confirmations >= SettlementCluster.Confirmations);
            (await Events<TxSubmitted>()).Count(s => s.DropId == dropId).Should().Be(roots.Count, "one submission (one nonce) per root");
        }
        finally
        {
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_stuck_transaction_is_re_sent_with_a_higher_fee_under_the_same_nonce()
    {
        await Chain.ManualMining();
        try
        {
            var request = Root("stuck");
            await Settlement.Queue([request]);
            var sent = await InState(request, AnchorStates.Submitted);

            await Settlement.Settle();
            (await Anchor(request)).TxHash.Should().Be(sent.TxHash, "not stuck until StuckAfter has passed");
            cluster.Clock.Set(cluster.Clock.GetUtcNow() + SettlementCluster.StuckAfter + TimeSpan.FromSeconds(1));
            await Eventually.True(async () => (await Anchor(request)).TxHash != sent.TxHash, Patience, "the stuck transaction replaced");

            await MineUntil(request, AnchorStates.Anchored);
            var replaced = (await Events<TxReplaced>()).Single(r => r.ReplacedTxHash == sent.TxHash);
            replaced.Nonce.Should().Be(sent.Nonce!.Value);
            var submitted = (await Events<TxSubmitted>()).Single(s => s.TxHash == sent.TxHash);
            BigInteger.Parse(replaced.MaxFeePerGas).Should().BeGreaterThan(BigInteger.Parse(submitted.MaxFeePerGas));
            BigInteger.Parse(replaced.MaxPriorityFeePerGas).Should().BeGreaterThan(BigInteger.Parse(submitted.MaxPriorityFeePerGas));
            (await Events<TxConfirmed>()).Single(c => c.Nonce == sent.Nonce).TxHash.Should().Be(replaced.TxHash, "the replacement is what got mined");
            (await AnchorCount(request)).Should().Be(1);
        }
        finally
        {
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_reorg_before_the_confirmation_depth_is_survived_by_sending_the_same_transaction_again()
    {
        await Chain.ManualMining();
        try
        {
            var request = Root("reorg");
            await Settlement.Queue([request]);
            var sent = await InState(request, AnchorStates.Submitted);
            var snapshot = await Chain.Rpc<string>("evm_snapshot");
            await Chain.Mine(SettlementCluster.Confirmations - 1);
            var orphaned = await new Nethereum.Web3.Web3(Chain.RpcUrl).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(sent.TxHash);
            orphaned.Should().NotBeNull("the anchor was mined, one block short of final");
            await Settlement.Settle();
            (await Anchor(request)).State.Should().Be(AnchorStates.Submitted, "not final before the confirmation depth");

            (await Chain.Rpc<bool>("evm_revert", snapshot)).Should().BeTrue();
            await MineUntil(request, AnchorStates.Anchored);

            var confirmed = (await Events<TxConfirmed>()).Single(c => c.Nonce == sent.Nonce);
            confirmed.TxHash.Should().Be(sent.TxHash, "the same signed bytes under the same nonce");
            confirmed.BlockHash.Should().NotBe(orphaned.BlockHash, "the orphaned block is not the one recorded");
            (await Chain.BlockHash(confirmed.BlockNumber)).Should().Be(confirmed.BlockHash);
            (await AnchorCount(request)).Should().Be(1);
            (await Events<TxFailed>()).Should().NotContain(f => f.Nonce == sent.Nonce);
        }
        finally
        {
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_silo_lost_between_submit_and_confirm_resumes_without_a_duplicate_anchor()
    {
        await Chain.ManualMining();
        try
        {
            var mined = Root("restart-mined");
            var lost = Root("restart-lost");
            await Settlement.Queue([mined, lost]);
            var sentMined = await InState(mined, AnchorStates.Submitted);
            var sentLost = await InState(lost, AnchorStates.Submitted);
            var contract = await ContractAddress();

            await cluster.Restart(whileDown: async () =>
            {
                // One anchor is mined, the other vanishes from the node's pool.
                await Chain.Rpc<object>("anvil_dropTransaction", sentLost.TxHash!);
                await Chain.Mine();
                (await new DropsContract(Chain.Signer(), contract).IsAnchored(mined.DropId, mined.Root)).Should().BeTrue();
                (await new DropsContract(Chain.Signer(), contract).IsAnchored(lost.DropId, lost.Root)).Should().BeFalse();
            });

            // Nobody calls the actor (the stream is read directly): its durable reminder brings it back.
            // Orleans' reminder service keeps time by the silo's clock (the test clock here), so time moves on as blocks come.
            await Eventually.True(async () =>
            {
                cluster.Clock.Set(cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
                await Chain.Mine();
                var final = (await Events<TxConfirmed>()).Select(c => c.Nonce).ToHashSet();
                return final.Contains(sentMined.Nonce!.Value) && final.Contains(sentLost.Nonce!.Value);
            }, Patience, "both anchors final after the restart");

            (await Events<TxSubmitted>()).Where(s => s.DropId.StartsWith("restart-")).Select(s => s.TxHash)
                .Should().BeEquivalentTo([sentMined.TxHash, sentLost.TxHash], "nothing was signed again after the restart");
            (await Events<TxConfirmed>()).Single(c => c.Nonce == sentLost.Nonce).TxHash.Should().Be(sentLost.TxHash);
            (await AnchorCount(mined)).Should().Be(1);
            (await AnchorCount(lost)).Should().Be(1);
        }
        finally
        {
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_fee_above_the_ceiling_pauses_settlement_visibly_while_claims_go_on()
    {
        using var paused = new PausedGauge();
        await Chain.Rpc<object>("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(AnchorChain.Wei(SettlementCluster.CeilingGwei + 10)).HexValue!);
        await Chain.Mine();
        var request = Root("fee-spike");
        await Settlement.Queue([request]);

        await Eventually.True(async () => (await Settlement.GetStatus()).Paused, Patience, "settlement paused");
        (await Settlement.GetStatus()).PauseReason.Should().Be("fee above ceiling");
        (await Anchor(request)).State.Should().Be(AnchorStates.Queued, "nothing is sent above the ceiling");
        paused.Value().Should().Be(1);

        var dropId = Samples.NewId();
        var drop = await cluster.Client.OpenDrop(Samples.Drop(dropId, supply: 5));
        (await drop.Claim(new ClaimToken("during-spike", Samples.Wallet(1), null))).Receipt.TokenNumber.Should().Be(1, "claims never wait for the chain");

        await Chain.Rpc<object>("anvil_setNextBlockBaseFeePerGas", new HexBigInteger(AnchorChain.Wei(1)).HexValue!);
        await Chain.Mine();
        await MineUntil(request, AnchorStates.Anchored);
        (await Settlement.GetStatus()).Paused.Should().BeFalse();
        paused.Value().Should().Be(0);
        (await Events<SettlementPaused>()).Should().ContainSingle(p => p.Reason == "fee above ceiling");
        (await Events<SettlementResumed>()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task a_transaction_the_node_refuses_for_good_fails_once_shows_why_and_its_nonce_goes_to_the_next_root()
    {
        using var broadcasts = new BroadcastCounter();
        var gasLimit = await BlockGasLimit();
        await Chain.ManualMining();
        try
        {
            // anvil refuses any transaction whose gas limit (120,000 here) exceeds the block's: no resend can pass.
            await Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(100_000).HexValue);
            var refused = Root("refused");
            await Settlement.Queue([refused]);
            var failed = await InState(refused, AnchorStates.Failed);
            failed.FailureReason.Should().StartWith("refused by the node: ").And.Contain("gas");
            var shown = await Query.GetDropSettlement(refused.DropId);
            shown.Failed.Should().ContainSingle().Which.FailureReason.Should().Be(failed.FailureReason, "GET /drops/{id}/settlement shows it and why");
            shown.Pending.Should().BeEmpty();

            for (var i = 0; i < 5; i++) await Settlement.Settle();
            broadcasts.Count("refused").Should().Be(1, "a permanently refused transaction is sent once, never again");
            (await Events<TxFailed>()).Should().ContainSingle(f => f.Nonce == failed.Nonce && f.TxHash == failed.TxHash).Which.Requeued.Should().BeFalse();

            await Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(gasLimit).HexValue);
            var next = Root("after-refusal");
            await Settlement.Queue([next]);
            (await InState(next, AnchorStates.Submitted)).Nonce.Should().Be(failed.Nonce, "the refused transaction never used its nonce");
            await MineUntil(next, AnchorStates.Anchored);

            var retried = await Query.RetryFailed(refused.DropId);
            retried.Failed.Should().BeEmpty();
            retried.Pending.Should().ContainSingle(a => a.Root == refused.Root);
            await MineUntil(refused, AnchorStates.Anchored);
            (await Anchor(refused)).Nonce.Should().Be(failed.Nonce + 1);
            (await AnchorCount(refused)).Should().Be(1);
            (await AnchorCount(next)).Should().Be(1);
            (await Events<AnchorRetried>()).Should().ContainSingle(r => r.Root == refused.Root);
        }
        finally
        {
            await Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(gasLimit).HexValue);
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_nonce_refused_below_a_transaction_already_sent_is_filled_so_that_one_still_mines()
    {
        var gasLimit = await BlockGasLimit();
        // Settlement reads its gas limit at each signing: the two anchors go out with different ones, as after a configuration change.
        var options = cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<SettlementOptions>>().Value;
        var configured = options.GasLimit;
        await Chain.ManualMining();
        try
        {
            var first = Root("gap-first");
            var second = Root("gap-second");
            options.GasLimit = 200_000;
            await Settlement.Queue([first]);
            var sentFirst = await InState(first, AnchorStates.Submitted);
            options.GasLimit = 100_000;
            await Settlement.Queue([second]);
            var sentSecond = await InState(second, AnchorStates.Submitted);
            sentSecond.Nonce.Should().Be(sentFirst.Nonce + 1);

            // The node loses both (anvil drops a transaction with those above it); the first no longer fits a block and
            // is refused for good when sent again, the second is taken again and waits on a nonce nobody would spend.
            await Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(150_000).HexValue);
            await Chain.Rpc<object>("anvil_dropTransaction", sentFirst.TxHash!);
            (await InState(first, AnchorStates.Failed)).FailureReason.Should().Contain("gas");
            await Eventually.True(async () => (await Events<NonceGapFilled>()).Any(f => f.Nonce == sentFirst.Nonce), Patience, "the gap filled");

            await MineUntil(second, AnchorStates.Anchored);
            (await Events<TxConfirmed>()).Single(c => c.Nonce == sentSecond.Nonce).TxHash.Should().Be(sentSecond.TxHash, "the later transaction mined with its own bytes");
            var filler = (await Events<NonceGapFilled>()).Single(f => f.Nonce == sentFirst.Nonce);
            await Eventually.True(async () =>
            {
                await Chain.Mine();
                return (await Events<TxConfirmed>()).Any(c => c.Nonce == filler.Nonce && c.TxHash == filler.TxHash);
            }, Patience, "the filler final");
            (await Settlement.GetStatus()).Anchors.Should().NotContain(a => a.State == AnchorStates.Submitted && a.DropId.StartsWith("gap-"));
            (await AnchorCount(second)).Should().Be(1);
            (await AnchorCount(first)).Should().Be(0);
        }
        finally
        {
            options.GasLimit = configured;
            await Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(gasLimit).HexValue);
            await Chain.AutoMining();
        }
    }

    [Fact]
    public async Task a_signer_without_funds_pauses_settlement_visibly_and_it_heals_once_funded()
    {
        using var paused = new PausedGauge();
        var web3 = new Nethereum.Web3.Web3(Chain.RpcUrl);
        var balance = await web3.Eth.GetBalance.SendRequestAsync(TestChain.SignerAddress);
        try
        {
            await Chain.Rpc<object>("anvil_setBalance", TestChain.SignerAddress, "0x0");
            var request = Root("unfunded");
            await Settlement.Queue([request]);
            await Eventually.True(async () => (await Settlement.GetStatus()).PauseReason == SettlementDecisions.InsufficientFunds, Patience, "paused for funds");
            paused.Value().Should().Be(1);
            (await Anchor(request)).State.Should().Be(AnchorStates.Submitted, "not failed: funding heals it");
            var sent = await Anchor(request);

            await Chain.Rpc<object>("anvil_setBalance", TestChain.SignerAddress, balance.HexValue);
            await MineUntil(request, AnchorStates.Anchored);
            (await Settlement.GetStatus()).Paused.Should().BeFalse();
            (await Anchor(request)).Nonce.Should().Be(sent.Nonce, "the same transaction, sent again");
            (await Events<TxFailed>()).Should().NotContain(f => f.Nonce == sent.Nonce);
            (await Events<SettlementPaused>()).Should().ContainSingle(p => p.Reason == SettlementDecisions.InsufficientFunds);
        }
        finally
        {
            await Chain.Rpc<object>("anvil_setBalance", TestChain.SignerAddress, balance.HexValue);
        }
    }

    private ISettlementQueryGrain Query => cluster.Client.GetGrain<ISettlementQueryGrain>(0);

    private async Task<long> BlockGasLimit() =>
        (long)(await new Nethereum.Web3.Web3(Chain.RpcUrl).Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest())).GasLimit.Value;

    private static AnchorRequest Root(string prefix) =>
        new($"{prefix}-{Guid.NewGuid():N}"[..24], "0x" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(), 1, 1);

    private async Task<List<AnchorView>> Anchors(string dropId) => (await Settlement.GetStatus()).Anchors.Where(a => a.DropId == dropId).ToList();

    private async Task<AnchorView> Anchor(AnchorRequest r) => (await Anchors(r.DropId)).Single(a => a.Root == r.Root);

    private async Task<AnchorView> InState(AnchorRequest r, string state)
    {
        await Eventually.True(async () => (await Anchor(r)).State == state, Patience, $"{r.DropId} {state}");
        return await Anchor(r);
    }

    /// <summary>The chain keeps producing blocks (one per look) until the anchor reaches <paramref name="state"/>.</summary>
    private async Task MineUntil(AnchorRequest r, string state)
    {
        await Eventually.True(async () =>
        {
            await Chain.Mine();
            return (await Anchor(r)).State == state;
        }, Patience, $"{r.DropId} {state}");
    }

    private string StreamKey => $"settlement/{SettlementKey.Of(TestChain.ChainId, TestChain.SignerAddress)}";

    private async Task<string> ContractAddress() => (await Settlement.GetStatus()).Contract!;

    private async Task<int> AnchorCount(AnchorRequest r) =>
        await new DropsContract(Chain.Signer(), await ContractAddress()).AnchorEventsFor(r.Root);

    private async Task<List<T>> Events<T>() where T : SettlementEvent
    {
        var alias = typeof(T).GetCustomAttributes(typeof(MicroEvents.EventSourcing.EventAliasAttribute), false)
            .Cast<MicroEvents.EventSourcing.EventAliasAttribute>().Single();
        return (await cluster.Journal().ReadEvents(StreamKey, 1, 100_000))
            .Where(e => e.Type == alias.Alias).Select(e => JsonSerializer.Deserialize<T>(e.DataJson, Json)!).ToList();
    }

    /// <summary>Counts <c>microevents.settlement.broadcasts</c> by the node's answer, as an exporter sees it.</summary>
    private sealed class BroadcastCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byOutcome = new();

        public BroadcastCounter()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SettlementMetrics.MeterName && instrument.Name == "microevents.settlement.broadcasts") l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "outcome") _byOutcome.AddOrUpdate((string)tag.Value!, value, (_, v) => v + value);
            });
            _listener.Start();
        }

        public long Count(string outcome) => _byOutcome.GetValueOrDefault(outcome);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Reads <c>microevents.settlement.paused</c> the way an exporter does.</summary>
    private sealed class PausedGauge : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _last = -1;

        public PausedGauge()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SettlementMetrics.MeterName && instrument.Name == "microevents.settlement.paused") l.EnableMeasurementEvents(instrument);
            };
            // Other fixtures' silos in this test process publish the same gauge (same chain id and signer, other
            // anvils), none of them paused: the highest reading is this cluster's.
            _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _last = Math.Max(_last, value));
            _listener.Start();
        }

        public int Value()
        {
            _last = 0;
            _listener.RecordObservableInstruments();
            return _last;
        }

        public void Dispose() => _listener.Dispose();
    }
}
