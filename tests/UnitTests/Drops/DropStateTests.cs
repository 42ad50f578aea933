using MicroEvents.Drops;
using MicroEvents.Drops.Events;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Replaying stored events must always succeed, whatever they are.</summary>
public class DropStateTests
{
    private static readonly DropCreated Created = ManifestRules.Validate(
        Given.Manifest with { Supply = 5, PerWalletLimit = 3, Tiers = [new("VIP", 2)] }, At.Created);

    private sealed record SomeFutureEvent(string Detail) : DropEvent;

    private static DropState Fold(params DropEvent[] events) => events.Aggregate(DropState.Initial, (s, e) => s.Apply(e));

    private static TokenMinted Minted(string claimId, long number, string wallet = Wallet.Alice, string? tier = null) =>
        new(claimId, number, wallet, tier, At.Claiming);

    [Fact]
    public void a_drop_that_was_never_created_has_no_manifest_and_no_tokens()
    {
        DropState.Initial.Manifest.Should().BeNull();
        DropState.Initial.Phase.Should().Be(DropPhase.None);
        DropState.Initial.Minted.Should().Be(0);
    }

    [Fact]
    public void folding_the_events_of_a_drop_rebuilds_its_tokens_claims_and_per_wallet_counts()
    {
        var state = Fold(Created, new DropOpened(At.Opened),
            Minted("c1", 1, Wallet.Alice, "VIP"), Minted("c2", 2, Wallet.Bob), Minted("c3", 3, Wallet.Alice.ToLowerInvariant()));

        state.Phase.Should().Be(DropPhase.Open);
        state.Minted.Should().Be(3);
        state.TierMinted.Should().Equal(1L);
        new[] { "c1", "c2", "c3" }.Select(c => state.Claims.TryFind(c, out var n) ? n : 0).Should().Equal(1, 2, 3);
        state.Claims.CountFor(Wallet.Alice).Should().Be(2);
        state.Claims.CountFor(Wallet.Alice.ToUpperInvariant().Replace("0X", "0x")).Should().Be(2);
        state.Claims.CountFor(Wallet.Bob).Should().Be(1);
        state.Receipt(2).Should().Be(new ClaimReceipt("c2", "summer-jam", 2, Wallet.Bob, null, At.Claiming, state.Manifest!.ManifestHash));
    }

    [Fact]
    public void a_minted_tier_counts_against_its_tier_whatever_its_letter_case() =>
        Fold(Created, new DropOpened(At.Opened), Minted("c1", 1, tier: "vip")).TierMinted.Should().Equal(1L);

    [Fact]
    public void lifecycle_events_move_the_phase()
    {
        Fold(Created).Phase.Should().Be(DropPhase.Draft);
        Fold(Created, new DropOpened(At.Opened)).Phase.Should().Be(DropPhase.Open);
        Fold(Created, new DropOpened(At.Opened), new DropPaused(At.Claiming)).Phase.Should().Be(DropPhase.Paused);
        Fold(Created, new DropOpened(At.Opened), new DropPaused(At.Claiming), new DropResumed(At.Claiming)).Phase.Should().Be(DropPhase.Open);
        Fold(Created, new DropClosed(At.Later)).Phase.Should().Be(DropPhase.Closed);
    }

    [Fact]
    public void folding_never_changes_the_state_it_started_from()
    {
        var open = Fold(Created, new DropOpened(At.Opened));

        open.Apply(Minted("c1", 1));

        open.Minted.Should().Be(0);
        open.Claims.TryFind("c1", out _).Should().BeFalse();
        open.Claims.CountFor(Wallet.Alice).Should().Be(0);
    }

    public static TheoryData<string> OddHistories => [.. OddHistory.Keys];

    private static readonly Dictionary<string, DropEvent[]> OddHistory = new()
    {
        ["the same claim minted twice"] = [Created, new DropOpened(At.Opened), Minted("c1", 1), Minted("c1", 1)],
        ["the same claim id minted for two wallets"] = [Created, new DropOpened(At.Opened), Minted("c1", 1), Minted("c1", 2, Wallet.Bob)],
        ["a mint for a tier the manifest does not have"] = [Created, new DropOpened(At.Opened), Minted("c1", 1, tier: "Backstage")],
        ["a mint before the drop was created"] = [Minted("c1", 1, tier: "VIP"), Created],
        ["a mint with a number out of sequence"] = [Created, Minted("c1", 7), Minted("c2", 0), Minted("c3", -4)],
        ["a mint to a malformed wallet"] = [Created, Minted("c1", 1, "not a wallet")],
        ["more mints than the supply"] = [Created, .. Enumerable.Range(1, 8).Select(i => Minted($"c{i}", i, tier: "VIP"))],
        ["a mint after the drop closed"] = [Created, new DropClosed(At.Later), Minted("c1", 1)],
        ["lifecycle events before the drop was created"] = [new DropOpened(At.Opened), new DropPaused(At.Opened), new DropResumed(At.Opened), new DropClosed(At.Later)],
        ["the drop created twice with other tiers"] = [Created, Minted("c1", 1, tier: "VIP"), Created with { Tiers = [] }, Minted("c2", 2, tier: "VIP")],
        ["an event type this version does not know"] = [Created, new SomeFutureEvent("hello"), new DropOpened(At.Opened)],
    };

    [Theory]
    [MemberData(nameof(OddHistories))]
    public void folding_never_throws_even_for_histories_the_decisions_would_never_produce(string history)
    {
        var fold = () => Fold(OddHistory[history]);

        fold.Should().NotThrow();
    }

    [Fact]
    public void an_event_type_this_version_does_not_know_leaves_the_state_as_it_was()
    {
        var open = Fold(Created, new DropOpened(At.Opened));

        open.Apply(new SomeFutureEvent("hello")).Should().BeSameAs(open);
    }

    [Fact]
    public void folding_never_throws_for_a_thousand_random_histories()
    {
        var random = new Random(20250621);
        var tiers = new[] { null, "VIP", "vip", "Early Bird", "Backstage" };
        var wallets = new[] { Wallet.Alice, Wallet.Alice.ToLowerInvariant(), Wallet.Bob, Wallet.Carol };

        for (var history = 0; history < 1_000; history++)
        {
            var state = DropState.Initial;
            var length = random.Next(1, 40);
            for (var i = 0; i < length; i++)
            {
                DropEvent next = random.Next(7) switch
                {
                    0 => Created with { Tiers = random.Next(2) == 0 ? [] : [new("VIP", 2), new("Early Bird", 1)] },
                    1 => new DropOpened(At.Opened),
                    2 => new DropPaused(At.Claiming),
                    3 => new DropResumed(At.Claiming),
                    4 => new DropClosed(At.Later),
                    _ => Minted($"c{random.Next(5)}", random.Next(-1, 10), wallets[random.Next(wallets.Length)], tiers[random.Next(tiers.Length)]),
                };
                try
                {
                    state = state.Apply(next);
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"History {history}, event {i} ({next}) threw: {e}");
                }
            }
        }
    }
}
