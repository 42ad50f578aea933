using System.Numerics;
using Nethereum.ABI;
using Nethereum.Util;

namespace MicroEvents.Settlement.Chain;

/// <summary>The contract's <c>tokenIdOf</c> off chain: <c>uint256(keccak256(abi.encode(dropId, tokenNumber)))</c>.</summary>
public static class TokenIds
{
    public static BigInteger Of(string dropId, long tokenNumber)
    {
        var encoded = new ABIEncode().GetABIEncoded(new ABIValue("string", dropId), new ABIValue("uint256", new BigInteger(tokenNumber)));
        return new BigInteger(Sha3Keccack.Current.CalculateHash(encoded), isUnsigned: true, isBigEndian: true);
    }
}
