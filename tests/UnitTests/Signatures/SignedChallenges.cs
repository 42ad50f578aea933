using System.Numerics;
using MicroEvents.Signatures.Challenges;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace MicroEvents.UnitTests.Signatures;

/// <summary>What a wallet does with a challenge, for tests: sign it with a key generated in the test.</summary>
static class SignedChallenges
{
    private static readonly BigInteger CurveOrder =
        BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public static string Sign(ClaimChallenge challenge, EthECKey key) =>
        Eip712TypedDataSigner.Current.SignTypedDataV4(challenge.ToTypedData(), key);

    public static SignedClaim Claim(ClaimChallenge challenge, string signature) =>
        new(challenge.Terms, challenge.Nonce.ToString(), challenge.Expiry, signature);

    /// <summary>The malleable twin (r, n − s, v flipped): recovers the same signer, but is not the signature the wallet made.</summary>
    public static string HighSTwin(string signature)
    {
        var bytes = signature.HexToByteArray();
        var s = new BigInteger(bytes.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var twinS = (CurveOrder - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var twin = new byte[65];
        bytes.AsSpan(0, 32).CopyTo(twin);
        twinS.CopyTo(twin.AsSpan(64 - twinS.Length));
        twin[64] = (byte)(bytes[64] == 27 ? 28 : 27);
        return twin.ToHex(prefix: true);
    }
}
