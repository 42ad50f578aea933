using System.Numerics;
using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>What a phone's wallet does with a challenge: sign the typed data JSON the gateway returned.</summary>
public sealed class TestWallet
{
    private static readonly BigInteger CurveOrder =
        BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);

    public EthECKey Key { get; } = EthECKey.GenerateKey();

    public string Address => Key.GetPublicAddress();

    public string SignTypedData(JsonElement typedData) => Eip712TypedDataSigner.Current.SignTypedDataV4(typedData.GetRawText(), Key);

    /// <summary>The malleable twin (r, n − s, v flipped) of a signature: recovers the same signer.</summary>
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
