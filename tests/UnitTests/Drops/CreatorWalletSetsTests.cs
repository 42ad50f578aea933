using FluentAssertions;
using MicroEvents.Drops;

namespace MicroEvents.UnitTests.Drops;

/// <summary>
/// The leaderboard decides in memory which wallets are new to a creator. The memory outlives a failed page (rolled back,
/// applied again) and a rebuild (tables emptied, every event applied again): in both, a wallet's first mint must count again.
/// </summary>
public class CreatorWalletSetsTests
{
    private const string Creator = "0xc0ffee";
    private static readonly WalletKey Alice = WalletKey.Of("0x00000000000000000000000000000000000000a1");

    [Fact]
    public void a_wallet_counts_once_per_creator_whatever_its_letter_case()
    {
        var sets = Loaded();
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue();
        sets.IsFirst(Creator, WalletKey.Of("0x00000000000000000000000000000000000000A1"), 11).Should().BeFalse();
        sets.IsFirst(Creator, Alice, 12).Should().BeFalse();
    }

    [Fact]
    public void a_page_applied_again_after_its_transaction_failed_counts_its_new_wallets_again()
    {
        var sets = Loaded();
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue();
        // The page rolled back; the daemon applies the same events again.
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue("its run was never stored");
        sets.IsFirst(Creator, Alice, 11).Should().BeFalse();
    }

    [Fact]
    public void a_rebuild_from_the_first_event_counts_each_wallet_at_its_first_mint_again()
    {
        var sets = Loaded();
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue();
        sets.IsFirst(Creator, Alice, 20).Should().BeFalse();
        // Replayed from the start into emptied tables.
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue();
        sets.IsFirst(Creator, Alice, 20).Should().BeFalse();
    }

    [Fact]
    public void stored_runs_read_back_as_the_wallets_already_held()
    {
        var run = new byte[2 * CreatorWalletSets.EntrySize];
        CreatorWalletSets.WriteEntry(run, Alice, 10);
        CreatorWalletSets.WriteEntry(run.AsSpan(CreatorWalletSets.EntrySize), WalletKey.Of("0x00000000000000000000000000000000000000b2"), 11);
        var sets = new CreatorWalletSets();
        sets.Load(Creator, [run]);

        sets.IsFirst(Creator, Alice, 30).Should().BeFalse();
        sets.IsFirst(Creator, WalletKey.Of("0x00000000000000000000000000000000000000b2"), 31).Should().BeFalse();
        sets.IsFirst(Creator, WalletKey.Of("0x00000000000000000000000000000000000000c3"), 32).Should().BeTrue();
        sets.IsFirst(Creator, Alice, 10).Should().BeTrue("a rebuild reaches Alice's first mint again");
    }

    [Fact]
    public void an_address_that_is_not_hex_still_gets_one_key_per_wallet()
    {
        WalletKey.Of("custody:alice").Should().Be(WalletKey.Of("CUSTODY:ALICE"));
        WalletKey.Of("custody:alice").Should().NotBe(WalletKey.Of("custody:bob"));
    }

    private static CreatorWalletSets Loaded()
    {
        var sets = new CreatorWalletSets();
        sets.Load(Creator, []);
        return sets;
    }
}
