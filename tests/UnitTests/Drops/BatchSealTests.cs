using MicroEvents.Drops;
using MicroEvents.Receipts.Events;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Receipt roots in the drop's stream: recorded once per batch range, found by the mint's place in order.</summary>
public class BatchSealTests
{
    private static BatchSealed Seal(long from, long to, int mints) =>
        new(from, to, 0, 0, "0xroot" + from, "0xsig", "0x1111111111111111111111111111111111111111", At.Claiming, mints);

    [Fact]
    public void a_batch_is_recorded_once_and_overlapping_or_older_ranges_change_nothing()
    {
        var state = Given.Open().Claimed("c1", Wallet.Alice).Claimed("c2", Wallet.Bob).Claimed("c3", Wallet.Carol);

        var first = DropDecisions.RecordSeals(state, [Seal(3, 3, 1), Seal(4, 5, 2)]);
        first.Result.Should().Be(2);
        state = state.After(first);

        DropDecisions.RecordSeals(state, [Seal(3, 3, 1), Seal(4, 5, 2)]).Events.Should().BeEmpty("a sealer's retry");
        DropDecisions.RecordSeals(state, [Seal(5, 6, 1)]).Events.Should().BeEmpty("overlaps what is sealed");
        state.Summary(8).Should().BeEquivalentTo(new { SealedThrough = 5L, Signer = "0x1111111111111111111111111111111111111111" });
        DropDecisions.Sealed(state, "c1").Batch!.FromVersion.Should().Be(3);
        DropDecisions.Sealed(state, "c3").Batch!.FromVersion.Should().Be(4);
    }

    [Fact]
    public void a_claim_minted_after_the_last_sealed_batch_has_no_batch_yet()
    {
        var state = Given.Open().Claimed("c1", Wallet.Alice);
        state = state.After(DropDecisions.RecordSeals(state, [Seal(3, 3, 1)])).Claimed("c2", Wallet.Bob);

        DropDecisions.Sealed(state, "c2").Batch.Should().BeNull();
        DropDecisions.Sealed(state, "c2").Receipt.TokenNumber.Should().Be(2);
    }
}
