using MicroEvents.Drops;
using MicroEvents.Signatures.Venues;

using MicroEvents.Venues;
using MicroEvents.Venues.Events;
using Nethereum.Signer;

namespace MicroEvents.UnitTests.Venues;

/// <summary>Status from heartbeats and the clock, and the deterministic reconciliation order, without a cluster.</summary>
public class NodeDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly NodeThresholds Limits = new();
    private readonly EthECKey _key = EthECKey.GenerateKey();

    private NodeState Registered() => Fold(NodeState.Initial, NodeDecisions.Register(NodeState.Initial, new RegisterNode("kiosk-1", "harbour", "Door", _key.GetPublicAddress()), T0).Events);

    [Theory]
    [InlineData(10, 40, 0, NodeStatus.Online)]
    [InlineData(10, 400, 0, NodeStatus.Degraded)]
    [InlineData(10, 40, 5000, NodeStatus.Degraded)]
    [InlineData(31, 40, 0, NodeStatus.Degraded)]
    [InlineData(61, 40, 0, NodeStatus.Offline)]
    public void status_follows_the_last_heartbeat_and_the_clock(int secondsLater, int rtt, int offset, NodeStatus expected)
    {
        var state = Fold(Registered(), NodeDecisions.Heartbeat(Registered(), new NodeHeartbeat(rtt, offset, 0, "1"), T0, Limits).Events);
        var evaluated = NodeDecisions.Evaluate(state, T0.AddSeconds(secondsLater), Limits);
        (evaluated.Events.Count == 0 ? state.Status : evaluated.Result).Should().Be(expected);
    }

    [Fact]
    public void reconciliation_plans_the_same_whatever_order_the_vouchers_arrived_in()
    {
        var quota = new NodeQuotaView("drop-1", 2, 0, 0, 2);
        var vouchers = new[] { 3L, 1, 2, 2 }.Select((seq, i) => OfflineVouchers.Issue(_key, "kiosk-1", "drop-1", seq, $"0x{i + 1:x40}", null, T0.AddSeconds(i), TimeSpan.FromHours(1), $"v{i}")).ToList();

        string Plan(IEnumerable<SignedVoucher> order)
        {
            var state = Registered();
            foreach (var v in order) state = Fold(state, VoucherDecisions.Receive(state, new VoucherUpload([v], false), T0.AddMinutes(5)).Events);
            return string.Join(" ", VoucherDecisions.Plan(state, "drop-1", quota).Select(Describe));
        }

        var forward = Plan(vouchers);
        forward.Should().Be(Plan(Enumerable.Reverse(vouchers)));
        forward.Should().Be("v1:mint v2:mint v3:waits v0:beyond-quota", "the second copy of sequence 2 waits for the drop's answer on the first");
    }

    [Theory]
    [InlineData(true, "v1:mint v2:mint v3:duplicate-sequence v0:beyond-quota")]
    [InlineData(false, "v1:mint v2:wallet-limit-reached v3:mint v0:beyond-quota")]
    public void a_sequence_is_spent_only_by_a_minted_token_so_a_copy_after_a_refused_first_copy_is_tried(bool firstCopyMinted, string expected)
    {
        var quota = new NodeQuotaView("drop-1", 2, 0, 0, 2);
        var state = Registered();
        foreach (var (seq, i) in new[] { 3L, 1, 2, 2 }.Select((seq, i) => (seq, i)))
        {
            var v = OfflineVouchers.Issue(_key, "kiosk-1", "drop-1", seq, $"0x{i + 1:x40}", null, T0.AddSeconds(i), TimeSpan.FromHours(1), $"v{i}");
            state = Fold(state, VoucherDecisions.Receive(state, new VoucherUpload([v], false), T0.AddMinutes(5)).Events);
        }
        var first = VoucherDecisions.Plan(state, "drop-1", quota);
        var tried = first.Where(p => p.Reason is null && !p.Waits).ToDictionary(p => p.Voucher.Digest, p => p.Voucher.VoucherId == "v2" && !firstCopyMinted
            ? new VoucherMintResult(p.Voucher.VoucherId, null, VoucherRejections.WalletLimitReached)
            : new VoucherMintResult(p.Voucher.VoucherId, p.Voucher.Sequence, null));

        string.Join(" ", VoucherDecisions.Plan(state, "drop-1", quota, tried).Select(Describe)).Should().Be(expected);
    }

    private static string Describe(PlannedVoucher p) => $"{p.Voucher.VoucherId}:{(p.Waits ? "waits" : p.Reason ?? "mint")}";

    [Fact]
    public void a_rotation_must_be_signed_by_the_current_key()
    {
        var state = Registered();
        var next = EthECKey.GenerateKey().GetPublicAddress();
        var message = NodeMessages.Rotation("kiosk-1", _key.GetPublicAddress(), next);

        Rejected(() => NodeDecisions.Rotate(state, new KeyRotation(next, NodeMessages.Sign(message, EthECKey.GenerateKey())), T0)).Should().Be(VenueRejectionCodes.InvalidKeyChain);
        var rotated = Fold(state, NodeDecisions.Rotate(state, new KeyRotation(next, NodeMessages.Sign(message, _key)), T0.AddHours(1)).Events);
        rotated.ActiveKey(T0.AddHours(1))!.Address.Should().Be(next);
        rotated.KeyAt(_key.GetPublicAddress(), T0.AddMinutes(30)).Should().NotBeNull("the old key stays valid for what it signed before");
        rotated.KeyAt(_key.GetPublicAddress(), T0.AddHours(2)).Should().BeNull("and for nothing after");
    }

    private static string Rejected(Action act) => act.Should().Throw<MicroEvents.Rejections.Rejected>().Which.Code;

    private static NodeState Fold(NodeState state, IEnumerable<NodeEvent> events) => events.Aggregate(state, (s, e) => s.Apply(e));
}
