using MicroEvents.Drops;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Every drop folds from its own empty state: no two drops ever share a claim ledger.</summary>
public class FoldIsolationTests
{
    [Fact]
    public void the_initial_state_is_new_on_every_read()
    {
        DropState.Initial.Should().NotBeSameAs(DropState.Initial);
        DropState.Initial.Claims.Should().NotBeSameAs(DropState.Initial.Claims);
    }

    [Fact]
    public async Task drops_minting_in_parallel_from_the_initial_state_keep_only_their_own_claims()
    {
        const int drops = 64, mints = 200;
        var start = new Barrier(8);
        var folded = await Task.WhenAll(Enumerable.Range(0, drops).Select(d => Task.Run(() =>
        {
            if (d < 8) start.SignalAndWait();
            var state = Given.Open(Given.Manifest with { Id = $"drop-{d}", Supply = mints, PerWalletLimit = mints });
            for (var i = 0; i < mints; i++)
                state = state.Claimed($"d{d}-c{i}", Wallet.Numbered(d * 1_000 + i));
            return (Drop: d, State: state);
        })));

        foreach (var (d, state) in folded)
        {
            state.Minted.Should().Be(mints);
            state.Claims.Tokens().Select(t => t.ClaimId)
                .Should().Equal(Enumerable.Range(0, mints).Select(i => $"d{d}-c{i}"), $"drop {d} holds exactly its own claims, in order");
            state.Claims.TryFind($"d{(d + 1) % drops}-c0", out _).Should().BeFalse("a claim of another drop is not this drop's");
            state.Claims.CountFor(Wallet.Numbered(((d + 1) % drops) * 1_000)).Should().Be(0);
        }
    }
}
