using MicroEvents.Drops;

namespace MicroEvents.Claims;

/// <summary>The escrow a custodial claim gets: its drop's window and policy, or the silo's window and <c>keep</c>.</summary>
public sealed record EscrowTerms(TimeSpan Window, string UnconfirmedPolicy)
{
    public static EscrowTerms Of(CustodyRules? rules, EscrowOptions defaults) =>
        new(rules?.EscrowHours is { } hours ? TimeSpan.FromHours(hours) : defaults.Escrow, CustodyRules.PolicyOf(rules));
}
