namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// Everything a signed challenge authorizes besides its nonce and expiry: the action, the drop, the signing wallet,
/// and the fields the server stores or acts on for that action. <see cref="Tier"/> is "" when untiered;
/// <see cref="EmailHash"/> (<see cref="Custody.ClaimEmail.Hash"/>) only for custodial claims; <see cref="ClaimId"/>
/// (the custodial claim being handed off) only for hand-offs.
/// </summary>
public sealed record ChallengeTerms(ChallengeKind Kind, string DropId, string Wallet, string Tier = "", string EmailHash = "", string ClaimId = "")
{
    public static ChallengeTerms SelfCustody(string dropId, string wallet, string? tier) => new(ChallengeKind.SelfCustody, dropId, wallet, tier ?? "");

    public static ChallengeTerms Custodial(string dropId, string ephemeralKey, string? tier, string emailHash) =>
        new(ChallengeKind.Custodial, dropId, ephemeralKey, tier ?? "", emailHash);

    public static ChallengeTerms HandOff(string dropId, string claimId, string wallet) => new(ChallengeKind.HandOff, dropId, wallet, ClaimId: claimId);

    /// <summary>The EIP-712 members of this kind's primary type, in signing order.</summary>
    public IReadOnlyList<(string Name, string Type)> Members(bool withNonceAndExpiry = true) => Kind switch
    {
        ChallengeKind.SelfCustody => [("drop", "string"), ("wallet", "address"), ("tier", "string"), ("nonce", "bytes32"), ("expiry", "uint256")],
        ChallengeKind.Custodial => [("drop", "string"), ("wallet", "address"), ("tier", "string"), ("emailHash", "bytes32"), ("nonce", "bytes32"), ("expiry", "uint256")],
        ChallengeKind.HandOff => [("drop", "string"), ("claimId", "string"), ("wallet", "address"), ("nonce", "bytes32"), ("expiry", "uint256")],
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    /// <summary>Length-prefixed, so no two different terms encode to the same text (what the nonce's HMAC covers).</summary>
    internal string Canonical() =>
        string.Concat(new[] { Kind.WireName(), DropId, Wallet.ToLowerInvariant(), Tier, EmailHash.ToLowerInvariant(), ClaimId }.Select(f => $"{f.Length}:{f}"));
}
