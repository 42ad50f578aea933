using MicroEvents.Signatures.Challenges;

namespace MicroEvents.Gateway.Claims;

/// <summary>EIP-712 typed data exactly as a wallet's <c>eth_signTypedData_v4</c> takes it.</summary>
public sealed record TypedDataView(
    IReadOnlyDictionary<string, TypedDataMember[]> Types,
    string PrimaryType,
    DomainView Domain,
    ClaimMessageView Message)
{
    public static TypedDataView Of(ClaimChallenge challenge) => new(
        new Dictionary<string, TypedDataMember[]>
        {
            ["EIP712Domain"] =
            [
                new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address"),
            ],
            [ClaimChallenge.PrimaryType] = ClaimChallenge.MessageMembers.Select(m => new TypedDataMember(m.Name, m.Type)).ToArray(),
        },
        ClaimChallenge.PrimaryType,
        DomainView.Of(challenge.Domain),
        new ClaimMessageView(challenge.DropId, challenge.Wallet, challenge.Nonce.ToString(), challenge.Expiry));
}

public sealed record TypedDataMember(string Name, string Type);

public sealed record ClaimMessageView(string Drop, string Wallet, string Nonce, long Expiry);

/// <summary>The EIP-712 domain a challenge is signed under.</summary>
public sealed record DomainView(string Name, string Version, long ChainId, string VerifyingContract)
{
    public static DomainView Of(ChallengeDomain domain) => new(domain.Name, domain.Version, (long)domain.ChainId, domain.VerifyingContract);

    public ChallengeDomain ToDomain() => new(Name ?? "", Version ?? "", ChainId, VerifyingContract ?? "");
}
