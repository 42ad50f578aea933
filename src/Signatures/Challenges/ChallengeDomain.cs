using System.Numerics;
using Nethereum.ABI.EIP712;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// The EIP-712 domain every claim challenge is signed under. A signature made for another chain,
/// contract or version of this app recovers to a different signer, so it can never be replayed here.
/// </summary>
public sealed record ChallengeDomain(string Name, string Version, BigInteger ChainId, string VerifyingContract)
{
    public const string DefaultName = "MicroEvents";
    public const string DefaultVersion = "1";
    public const long DefaultChainId = 31337;
    public const string DefaultVerifyingContract = "0x0000000000000000000000000000000000000000";

    public static ChallengeDomain Default { get; } = new(DefaultName, DefaultVersion, DefaultChainId, DefaultVerifyingContract);

    internal Domain ToEip712() => new() { Name = Name, Version = Version, ChainId = ChainId, VerifyingContract = VerifyingContract };

    internal static MemberDescription[] Members { get; } =
    [
        new() { Name = "name", Type = "string" },
        new() { Name = "version", Type = "string" },
        new() { Name = "chainId", Type = "uint256" },
        new() { Name = "verifyingContract", Type = "address" },
    ];

    /// <summary>Same chain, same contract, same name and version (addresses compared without letter case).</summary>
    public bool SameAs(ChallengeDomain other) =>
        Name == other.Name && Version == other.Version && ChainId == other.ChainId &&
        string.Equals(VerifyingContract, other.VerifyingContract, StringComparison.OrdinalIgnoreCase);
}
