using System.Numerics;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// What a wallet signs (EIP-712; primary type <c>SelfCustodyClaim</c>, <c>CustodialClaim</c> or <c>AcceptHandOff</c>):
/// the action and every field the server acts on (<see cref="ChallengeTerms"/>), a nonce only we can issue, and an
/// expiry, under a domain naming the chain and the drops contract. <see cref="Digest"/> is what the signature covers.
/// </summary>
public sealed record ClaimChallenge(ChallengeDomain Domain, ChallengeTerms Terms, ChallengeNonce Nonce, long Expiry)
{
    public string DropId => Terms.DropId;

    public string Wallet => Terms.Wallet;

    public string PrimaryType => Terms.Kind.PrimaryType();

    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(Expiry);

    /// <summary>The claim id this challenge stands for: the nonce's hex form (a hand-off's nonce names no claim of its own).</summary>
    public string ClaimId => Nonce.ToString();

    /// <summary>The message's values by member name, as a wallet sees them (hex strings for bytes32, numbers for uint256).</summary>
    public IReadOnlyList<(string Name, string Type, object Value)> Message() =>
        Terms.Members().Select(m => (m.Name, m.Type, Value(m.Name))).ToList();

    private object Value(string member) => member switch
    {
        "drop" => DropId,
        "wallet" => Wallet,
        "tier" => Terms.Tier,
        "emailHash" => Terms.EmailHash,
        "claimId" => Terms.ClaimId,
        "nonce" => Nonce.ToString(),
        "expiry" => Expiry,
        _ => throw new ArgumentOutOfRangeException(nameof(member)),
    };

    public TypedData<Domain> ToTypedData() => new()
    {
        Domain = Domain.ToEip712(),
        Types = new Dictionary<string, MemberDescription[]>
        {
            ["EIP712Domain"] = ChallengeDomain.Members,
            [PrimaryType] = Terms.Members().Select(m => new MemberDescription { Name = m.Name, Type = m.Type }).ToArray(),
        },
        PrimaryType = PrimaryType,
        Message = Message().Select(m => new MemberValue
        {
            TypeName = m.Type,
            Value = m.Type switch
            {
                "bytes32" => ((string)m.Value).HexToByteArray(),
                "uint256" => new BigInteger((long)m.Value),
                _ => m.Value,
            },
        }).ToArray(),
    };

    public byte[] Digest() => TypedDataDigest.Of(ToTypedData());

    /// <summary>The typed data as JSON, ready for <c>eth_signTypedData_v4</c>.</summary>
    public string ToJson() => ToTypedData().ToJson();
}
