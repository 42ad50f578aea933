namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// The action a signed challenge authorizes. Each is its own EIP-712 primary type, so a signature made for one
/// route recovers to a stranger on any other (a self-custody claim can never be replayed as a custodial one).
/// </summary>
public enum ChallengeKind
{
    /// <summary><c>SelfCustodyClaim</c>: mint to the signing wallet.</summary>
    SelfCustody,
    /// <summary><c>CustodialClaim</c>: mint into escrow for the signing (ephemeral) key, code mailed to the signed email hash.</summary>
    Custodial,
    /// <summary><c>AcceptHandOff</c>: the signing wallet accepts the hand-off of one custodial claim.</summary>
    HandOff,
}

public static class ChallengeKinds
{
    /// <summary>The wire names (<c>kind</c> in the challenge request).</summary>
    public static string WireName(this ChallengeKind kind) => kind switch
    {
        ChallengeKind.SelfCustody => "self-custody",
        ChallengeKind.Custodial => "custodial",
        ChallengeKind.HandOff => "hand-off",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? wire, out ChallengeKind kind)
    {
        foreach (var k in Enum.GetValues<ChallengeKind>())
            if (k.WireName() == wire) { kind = k; return true; }
        kind = default;
        return false;
    }

    public static string PrimaryType(this ChallengeKind kind) => kind switch
    {
        ChallengeKind.SelfCustody => "SelfCustodyClaim",
        ChallengeKind.Custodial => "CustodialClaim",
        ChallengeKind.HandOff => "AcceptHandOff",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
