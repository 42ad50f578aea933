using System.Numerics;
using Nethereum.ABI.EIP712;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// What a claimant signs (EIP-712, primary type <c>Claim</c>): this drop, this wallet, a nonce only we
/// can issue, and an expiry. <see cref="Digest"/> is what the wallet's signature covers.
/// </summary>
public sealed record ClaimChallenge(ChallengeDomain Domain, string DropId, string Wallet, ChallengeNonce Nonce, long Expiry)
{
    public const string PrimaryType = "Claim";

    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Expiry);

    /// <summary>The claim id this challenge stands for: the nonce's hex form.</summary>
    public string ClaimId => Nonce.ToString();

    public static IReadOnlyList<(string Name, string Type)> MessageMembers { get; } =
        [("drop", "string"), ("wallet", "address"), ("nonce", "bytes32"), ("expiry", "uint256")];

    public TypedData<Domain> ToTypedData() => new()
    {
        Domain = Domain.ToEip712(),
        Types = new Dictionary<string, MemberDescription[]>
        {
            ["EIP712Domain"] = ChallengeDomain.Members,
            [PrimaryType] = MessageMembers.Select(m => new MemberDescription { Name = m.Name, Type = m.Type }).ToArray(),
        },
        PrimaryType = PrimaryType,
        Message =
        [
            new MemberValue { TypeName = "string", Value = DropId },
            new MemberValue { TypeName = "address", Value = Wallet },
            new MemberValue { TypeName = "bytes32", Value = Nonce.Bytes.ToArray() },
            new MemberValue { TypeName = "uint256", Value = new BigInteger(Expiry) },
        ],
    };

    public byte[] Digest() => TypedDataDigest.Of(ToTypedData());

    /// <summary>The typed data as JSON, ready for <c>eth_signTypedData_v4</c>.</summary>
    public string ToJson() => ToTypedData().ToJson();
}
