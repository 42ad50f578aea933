using MicroEvents.Drops;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Versions of a drop share one ledger; each must still see exactly its own mints.</summary>
public class ClaimBookTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static MintedToken Token(string claim, int wallet = 1) => new(claim, "0x" + wallet.ToString("x40"), null, At, 1);

    [Fact]
    public void an_older_version_does_not_see_mints_added_by_a_newer_one()
    {
        var confirmed = ClaimBook.Empty.Add(Token("a"));
        var tentative = confirmed.Add(Token("b", 2));

        confirmed.Count.Should().Be(1);
        confirmed.TryFind("b", out _).Should().BeFalse();
        confirmed.CountFor("0x" + 2.ToString("x40")).Should().Be(0);
        tentative.TryFind("b", out var number).Should().BeTrue();
        number.Should().Be(2);
    }

    [Fact]
    public void confirming_the_same_mints_shares_them_and_a_different_history_forks()
    {
        var confirmed = ClaimBook.Empty.Add(Token("a"));
        var tentative = confirmed.Add(Token("b", 2));

        var sameAgain = confirmed.Add(Token("b", 2));
        var diverged = confirmed.Add(Token("c", 3));

        sameAgain.TryFind("b", out _).Should().BeTrue();
        diverged.TryFind("b", out _).Should().BeFalse();
        diverged.TryFind("c", out var c).Should().BeTrue();
        c.Should().Be(2);
        tentative[1].ClaimId.Should().Be("b", "a fork never rewrites what other versions see");
        tentative.TryFind("b", out _).Should().BeTrue();
    }

    [Fact]
    public void tokens_enumerate_in_token_order_only_up_to_the_view()
    {
        var book = ClaimBook.Empty.Add(Token("a")).Add(Token("b"));
        book.Add(Token("c"));

        book.Tokens().Select(t => t.ClaimId).Should().Equal("a", "b");
        var act = () => book[2];
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
