using System.Collections.Immutable;
using System.Numerics;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;
using MicroEvents.Settlement.Events;

namespace MicroEvents.UnitTests.Settlement;

/// <summary>The settlement round as a pure plan: what the stream holds and what the chain shows, in; the steps, out.</summary>
public class SettlementPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Contract = "0x00000000000000000000000000000000000c0ffe";
    private const string Root = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string Root2 = "0x2222222222222222222222222222222222222222222222222222222222222222";
    private static readonly FeeQuote Calm = new(10, 1, 100);   // effective 11, max fee 21
    private static readonly FeeQuote Spike = new(200, 1, 100); // effective 201, above the ceiling
    private static readonly SettlementOptions Options = new() { Confirmations = 3, StuckAfter = TimeSpan.FromSeconds(30), FeeBumpPercent = 25, MaxInFlight = 16 };

    private static SettlementState Fold(SettlementState s, Decision<bool, SettlementEvent> d) => d.Events.Aggregate(s, (x, e) => x.Apply(e));

    private static SettlementState Queued(params string[] roots) =>
        Fold(SettlementState.Initial, SettlementDecisions.Queue(SettlementState.Initial, [.. roots.Select((r, i) => new AnchorRequest("d", r, i * 10 + 1, i * 10 + 10))], Now));

    private static SettlementState Sent(SettlementState s, string root, long nonce, string hash = "0xaa", long fee = 20, DateTimeOffset? at = null) =>
        Fold(s, SettlementDecisions.Submit(s, new SignedAnchor("d", root, nonce, 120_000, fee, 1, "0xraw", hash), 0, at ?? Now));

    private static ChainView View(FeeQuote? fees = null, long head = 100, long spent = 0, Dictionary<long, TxSighting>? txs = null,
        Dictionary<string, bool>? anchored = null, Dictionary<string, DeliverySighting>? deliveries = null, string? contract = Contract) =>
        new(contract, head, spent, fees ?? Calm, txs ?? [], anchored ?? [], deliveries ?? []);

    private static Dictionary<string, bool> Asked(params (string Root, bool Anchored)[] roots) =>
        roots.ToDictionary(r => SettlementState.KeyOf("d", r.Root), r => r.Anchored);

    private static IReadOnlyList<SettlementAction> Plan(SettlementState s, ChainView view, SettlementOptions? options = null) =>
        SettlementPlanner.Next(s, view, options ?? Options, Now);

    private static TxSighting Mined(string hash, long block, bool succeeded = true, bool canonical = true) =>
        new(new MinedTx(hash, block, "0xblock", succeeded), canonical, false);

    [Fact]
    public void nothing_queued_or_in_flight_asks_the_chain_nothing()
    {
        SettlementPlanner.HasWork(SettlementState.Initial).Should().BeFalse();
        Plan(SettlementState.Initial, View()).Should().BeEmpty();
    }

    [Fact]
    public void without_a_usable_contract_the_only_step_is_to_deploy_one() =>
        Plan(Queued(Root), ChainView.WithoutContract).Should().Equal(new DeployContract());

    [Fact]
    public void a_queued_root_is_sent_at_the_lowest_unspent_nonce() =>
        Plan(Queued(Root), View(spent: 7, anchored: Asked((Root, false)))).Should().Equal(new SendAnchor(Contract, "d", Root, 7, 21, 1));

    [Fact]
    public void two_queued_roots_take_consecutive_nonces() =>
        Plan(Queued(Root, Root2), View(spent: 3, anchored: Asked((Root, false), (Root2, false)))).Should().Equal(
            new SendAnchor(Contract, "d", Root, 3, 21, 1), new SendAnchor(Contract, "d", Root2, 4, 21, 1));

    [Fact]
    public void a_root_the_contract_already_holds_is_recorded_never_sent() =>
        Plan(Queued(Root, Root2), View(anchored: Asked((Root, true), (Root2, false)))).Should().Equal(
            new MarkAnchored("d", Root), new SendAnchor(Contract, "d", Root2, 0, 21, 1));

    [Fact]
    public void a_root_the_round_did_not_ask_the_contract_about_waits_for_a_later_round() =>
        Plan(Queued(Root, Root2), View(anchored: Asked((Root, false)))).Should().Equal(new SendAnchor(Contract, "d", Root, 0, 21, 1));

    [Fact]
    public void a_fee_above_the_ceiling_pauses_visibly_and_sends_nothing() =>
        Plan(Queued(Root), View(Spike, anchored: Asked((Root, false)))).Should().Equal(
            new PauseSettlement(SettlementPlanner.FeeAboveCeiling, 201, 100));

    [Fact]
    public void a_pause_already_recorded_is_not_recorded_again()
    {
        var paused = Fold(Queued(Root), SettlementDecisions.Pause(Queued(Root), SettlementPlanner.FeeAboveCeiling, 201, 100, Now));
        Plan(paused, View(Spike, anchored: Asked((Root, false)))).Should().BeEmpty();
    }

    [Fact]
    public void a_paused_settlement_resumes_when_the_fee_falls_and_sends_in_the_same_round()
    {
        var paused = Fold(Queued(Root), SettlementDecisions.Pause(Queued(Root), SettlementPlanner.FeeAboveCeiling, 201, 100, Now));
        Plan(paused, View(anchored: Asked((Root, false)))).Should().Equal(new ResumeSettlement(11), new SendAnchor(Contract, "d", Root, 0, 21, 1));
    }

    [Fact]
    public void an_unfunded_signer_sends_nothing_new()
    {
        var unfunded = Fold(Queued(Root), SettlementDecisions.Unfunded(Queued(Root), 21, 100, Now));
        Plan(unfunded, View(anchored: Asked((Root, false)))).Should().BeEmpty();
    }

    [Fact]
    public void no_more_than_the_configured_transactions_are_in_flight()
    {
        var options = new SettlementOptions { Confirmations = 3, MaxInFlight = 2 };
        var state = Sent(Queued(Root, Root2, "0x33" + Root[4..]), Root, 0);
        Plan(state, View(txs: new() { [0] = new(null, false, true) }, anchored: Asked((Root2, false), ("0x33" + Root[4..], false))), options)
            .Should().Equal(new SendAnchor(Contract, "d", Root2, 1, 21, 1));
    }

    [Fact]
    public void a_transaction_mined_at_depth_on_the_canonical_chain_confirms() =>
        Plan(Sent(Queued(Root), Root, 0), View(head: 100, txs: new() { [0] = Mined("0xaa", 98) }))
            .Should().Equal(new ConfirmTx(0, "0xaa", 98, "0xblock", 3));

    [Fact]
    public void short_of_the_depth_nothing_is_recorded() =>
        Plan(Sent(Queued(Root), Root, 0), View(head: 99, txs: new() { [0] = Mined("0xaa", 98) })).Should().BeEmpty();

    [Fact]
    public void a_block_a_reorg_replaced_is_not_final() =>
        Plan(Sent(Queued(Root), Root, 0), View(head: 100, txs: new() { [0] = Mined("0xaa", 98, canonical: false) })).Should().BeEmpty();

    [Fact]
    public void a_revert_fails_the_root_unless_the_contract_holds_it_already()
    {
        var state = Sent(Queued(Root), Root, 0);
        Plan(state, View(txs: new() { [0] = Mined("0xaa", 98, succeeded: false) }, anchored: Asked((Root, true))))
            .Should().Equal(new FailTx(0, "0xaa", "reverted", false), new MarkAnchored("d", Root));
        Plan(state, View(txs: new() { [0] = Mined("0xaa", 98, succeeded: false) }, anchored: Asked((Root, false))))
            .Should().Equal(new FailTx(0, "0xaa", "reverted", false));
    }

    [Fact]
    public void a_nonce_another_sender_took_requeues_the_root_and_sends_it_again_at_the_next_free_nonce() =>
        Plan(Sent(Queued(Root), Root, 0), View(spent: 1, anchored: Asked((Root, false)))).Should().Equal(
            new FailTx(0, "0xaa", "nonce taken by another transaction", true), new SendAnchor(Contract, "d", Root, 1, 21, 1));

    [Fact]
    public void a_nonce_taken_by_a_transaction_that_anchored_the_root_anyway_is_recorded_as_anchored() =>
        Plan(Sent(Queued(Root), Root, 0), View(spent: 1, anchored: Asked((Root, true)))).Should().Equal(new MarkAnchored("d", Root));

    [Fact]
    public void a_stuck_transaction_is_replaced_under_its_nonce_with_bumped_fees()
    {
        var state = Sent(Queued(Root), Root, 0, fee: 20, at: Now - TimeSpan.FromSeconds(31));
        var steps = Plan(state, View(txs: new() { [0] = new(null, false, true) }));
        steps.Should().ContainSingle().Which.Should().BeOfType<ReplaceTx>()
            .Which.Should().Match<ReplaceTx>(r => r.Tx.Nonce == 0 && r.MaxFee == 26 && r.Tip == 2 && r.Contract == Contract);
    }

    [Fact]
    public void a_replacement_above_the_ceiling_pauses_and_sends_the_old_bytes_if_the_node_lost_them()
    {
        var state = Sent(Queued(Root), Root, 0, fee: 90, at: Now - TimeSpan.FromSeconds(31));
        Plan(state, View(txs: new() { [0] = TxSighting.Unseen })).Should().Equal(
            new PauseSettlement(SettlementPlanner.ReplacementAboveCeiling, 113, 100), new Rebroadcast(0, "0xaa", "0xraw", "90"));
        Plan(state, View(txs: new() { [0] = new(null, false, true) })).Should().Equal(
            new PauseSettlement(SettlementPlanner.ReplacementAboveCeiling, 113, 100));
    }

    [Fact]
    public void a_transaction_the_node_lost_is_sent_again_with_the_same_bytes()
    {
        var state = Sent(Queued(Root), Root, 0);
        Plan(state, View(txs: new() { [0] = TxSighting.Unseen })).Should().Equal(new Rebroadcast(0, "0xaa", "0xraw", "20"));
        Plan(state, View(txs: new() { [0] = new(null, false, true) })).Should().BeEmpty("the node still holds it");
    }

    [Fact]
    public void free_nonces_below_a_transaction_in_flight_are_filled() =>
        Plan(Sent(Queued(Root), Root, 2), View(txs: new() { [2] = new(null, false, true) })).Should().Equal(
            new FillNonceGap(0, 21, 1), new FillNonceGap(1, 21, 1));

    [Fact]
    public void a_nonce_whose_filler_the_node_refused_is_not_filled_again()
    {
        var state = Sent(Queued(Root), Root, 2) with { RefusedFillers = ImmutableHashSet.Create(0L) };
        Plan(state, View(txs: new() { [2] = new(null, false, true) })).Should().Equal(new FillNonceGap(1, 21, 1));
    }

    [Fact]
    public void a_queued_root_takes_a_free_nonce_before_any_filler_does()
    {
        var state = Sent(Queued(Root, Root2), Root, 2);
        Plan(state, View(txs: new() { [2] = new(null, false, true) }, anchored: Asked((Root2, false)))).Should().Equal(
            new SendAnchor(Contract, "d", Root2, 0, 21, 1), new FillNonceGap(1, 21, 1));
    }

    [Fact]
    public void nothing_is_filled_while_the_signer_is_unfunded()
    {
        var state = Sent(Queued(Root), Root, 2);
        state = Fold(state, SettlementDecisions.Unfunded(state, 21, 100, Now));
        Plan(state, View(txs: new() { [2] = new(null, false, true) })).Should().BeEmpty();
    }

    private static readonly ReceiptView Receipt = new(new ReceiptLeafView("d", 5, "c1", "0xcustody", "0xmanifest", 0), [], Root, "0xsig", "0xsigner");

    private static SettlementState Delivering() =>
        Fold(SettlementState.Initial, SettlementDecisions.QueueDeliveries(SettlementState.Initial, [new DeliveryRequest("d", "c1", "0xwallet")], Now));

    private static Dictionary<string, DeliverySighting> Delivery(bool handedOff = true, string? owner = null) =>
        new() { [SettlementState.DeliveryKeyOf("d", "c1")] = new(Receipt, handedOff, owner) };

    [Fact]
    public void a_hand_off_to_the_recorded_wallet_is_delivered_once_its_root_is_anchored()
    {
        Plan(Delivering(), View(spent: 4, anchored: Asked((Root, true)), deliveries: Delivery())).Should().Equal(
            new SendDelivery(Contract, "d", "c1", "0xwallet", Receipt, 4, 21, 1));
        Plan(Delivering(), View(anchored: Asked((Root, false)), deliveries: Delivery())).Should().BeEmpty("the root is not on chain yet");
    }

    [Fact]
    public void the_custody_account_moves_no_token_the_claim_actor_did_not_hand_off() =>
        Plan(Delivering(), View(anchored: Asked((Root, true)), deliveries: Delivery(handedOff: false))).Should().BeEmpty();

    [Fact]
    public void a_delivery_whose_receipt_is_not_sealed_waits() =>
        Plan(Delivering(), View(anchored: Asked((Root, true)),
            deliveries: new() { [SettlementState.DeliveryKeyOf("d", "c1")] = new(null, false, null) })).Should().BeEmpty();

    [Fact]
    public void a_token_minted_already_is_recorded_as_delivered_never_sent() =>
        Plan(Delivering(), View(anchored: Asked((Root, true)), deliveries: Delivery(owner: "0xwallet"))).Should().Equal(
            new MarkDelivered("d", "c1", "0xwallet"));

    [Fact]
    public void the_nodes_answer_is_recorded_by_its_class()
    {
        SettlementPlanner.AfterBroadcast(null, 3, "0xaa", "21", 100).Should().Be(new FundedAgain(21));
        SettlementPlanner.AfterBroadcast(new NodeRefusal(-32000, "intrinsic gas too low", RefusalKind.Permanent), 3, "0xaa", "21", 100)
            .Should().Be(new RefuseTx(3, "0xaa", "intrinsic gas too low"));
        SettlementPlanner.AfterBroadcast(new NodeRefusal(-32000, "insufficient funds", RefusalKind.InsufficientFunds), 3, "0xaa", "21", 100)
            .Should().Be(new PauseSettlement(SettlementDecisions.InsufficientFunds, 21, 100));
        SettlementPlanner.AfterBroadcast(new NodeRefusal(-32000, "txpool is full", RefusalKind.Transient), 3, "0xaa", "21", 100).Should().BeNull();
        SettlementPlanner.AfterBroadcast(new NodeRefusal(-32000, "already known", RefusalKind.AlreadyKnown), 3, "0xaa", "21", 100).Should().BeNull();
    }

    [Fact]
    public void a_refusal_that_frees_a_nonce_or_pauses_ends_the_round_other_answers_do_not()
    {
        SettlementPlanner.PlanHolds(null).Should().BeTrue();
        SettlementPlanner.PlanHolds(new NodeRefusal(0, "txpool is full", RefusalKind.Transient)).Should().BeTrue();
        SettlementPlanner.PlanHolds(new NodeRefusal(0, "nonce too low", RefusalKind.NonceUsed)).Should().BeTrue();
        SettlementPlanner.PlanHolds(new NodeRefusal(0, "bad", RefusalKind.Permanent)).Should().BeFalse();
        SettlementPlanner.PlanHolds(new NodeRefusal(0, "insufficient funds", RefusalKind.InsufficientFunds)).Should().BeFalse();
    }
}
