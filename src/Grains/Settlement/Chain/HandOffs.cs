using System.Numerics;
using MicroEvents.Signatures;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MicroEvents.Settlement.Chain;

/// <summary>
/// The contract's EIP-712 <c>HandOff(bytes32 leaf, address to)</c> off chain (domain <c>MicroEventsDrops</c>, version
/// <c>1</c>, the chain and the contract): what <c>claimHandedOff</c> checks, equal to the contract's <c>handOffDigest</c>.
/// </summary>
public static class HandOffs
{
    private static readonly byte[] DomainType = Keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"u8.ToArray());
    private static readonly byte[] HandOffType = Keccak("HandOff(bytes32 leaf,address to)"u8.ToArray());

    public static byte[] Digest(long chainId, string contract, byte[] leaf, string to)
    {
        var abi = new ABIEncode();
        var domain = Keccak(abi.GetABIEncoded(new ABIValue("bytes32", DomainType), new ABIValue("bytes32", Keccak("MicroEventsDrops"u8.ToArray())),
            new ABIValue("bytes32", Keccak("1"u8.ToArray())), new ABIValue("uint256", new BigInteger(chainId)), new ABIValue("address", contract)));
        var handOff = Keccak(abi.GetABIEncoded(new ABIValue("bytes32", HandOffType), new ABIValue("bytes32", leaf), new ABIValue("address", to)));
        return Keccak([0x19, 0x01, .. domain, .. handOff]);
    }

    /// <summary>A 65-byte r‖s‖v signature of <paramref name="digest"/>, as OpenZeppelin's <c>ECDSA.recover</c> takes it.</summary>
    /// Nethereum's <c>SignAndCalculateV</c> bytes, without its recovery-id search (issue #30).
    public static string Sign(string privateKey, byte[] digest) =>
        RecoverableSignature.Sign(digest, privateKey.HexToByteArray()).ToHex(prefix: true);

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
}
