using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Gateway.Claims;

/// <summary>EIP-712 typed data exactly as a wallet's <c>eth_signTypedData_v4</c> takes it.</summary>
public sealed record TypedDataView(
    IReadOnlyDictionary<string, TypedDataMember[]> Types,
    string PrimaryType,
    DomainView Domain,
    IReadOnlyDictionary<string, object> Message)
{
    public static TypedDataView Of(ClaimChallenge challenge) => new(
        new Dictionary<string, TypedDataMember[]>
        {
            ["EIP712Domain"] =
            [
                new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address"),
            ],
            [challenge.PrimaryType] = challenge.Terms.Members().Select(m => new TypedDataMember(m.Name, m.Type)).ToArray(),
        },
        challenge.PrimaryType,
        DomainView.Of(challenge.Domain),
        challenge.Message().ToDictionary(m => m.Name, m => m.Value));
}

public sealed record TypedDataMember(string Name, string Type);

/// <summary>The EIP-712 domain a challenge is signed under.</summary>
public sealed record DomainView(string Name, string Version, long ChainId, string VerifyingContract)
{
    public static DomainView Of(ChallengeDomain domain) => new(domain.Name, domain.Version, (long)domain.ChainId, domain.VerifyingContract);

    public ChallengeDomain ToDomain() => new(Name ?? "", Version ?? "", ChainId, VerifyingContract ?? "");
}
