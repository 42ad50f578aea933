using CsCheck;
using MicroEvents.Drops;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>
/// Any interleaving of claims and releases, through the real decisions and fold: each token number has at
/// most one holder, numbers stay within 1…supply, and holders + available = supply at every step.
/// </summary>
public class TokenPoolProperties
{
    // An operation: claim for wallet n (odd), or release the k-th claim that still holds a token (even).
    private static readonly Gen<(long Supply, int[] Ops)> Runs =
        Gen.Select(Gen.Long[1, 8], Gen.Int[0, 40].Array[0, 60]);

    [Fact]
    public void holders_plus_available_is_the_supply_after_any_interleaving_of_claims_and_releases()
    {
        Runs.Sample(run =>
        {
            var state = Given.Open(Given.Manifest with { Supply = run.Supply, PerWalletLimit = 100 });
            var holding = new List<string>();
            var claims = 0;
            foreach (var op in run.Ops)
            {
                if (op % 2 == 1 || holding.Count == 0)
                {
                    var id = $"c{claims++}";
                    try
                    {
                        var expected = state.Pool.Next;
                        var decision = state.Claim(id, Wallet.Numbered(op + 1));
                        if (decision.Result.Receipt.TokenNumber != expected) return false;
                        state = state.After(decision);
                        holding.Add(id);
                    }
                    catch (Rejected r) when (r.Code == RejectionCodes.SoldOut)
                    {
                        if (state.Pool.Available != 0) return false;
                    }
                }
                else
                {
                    var id = holding[op / 2 % holding.Count];
                    state = state.After(DropDecisions.Release(state, id, At.Claiming));
                    holding.Remove(id);
                }

                var held = holding.Select(h => DropDecisions.HeldClaim(state, h).TokenNumber).ToList();
                if (held.Distinct().Count() != held.Count || held.Any(n => n < 1 || n > run.Supply)) return false;
                var summary = state.Summary(0);
                if (summary.Minted != held.Count || summary.Minted + summary.Remaining != run.Supply) return false;
            }
            return true;
        }, iter: 2_000);
    }
}
