using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;

namespace MicroEvents.Signatures;

/// <summary>
/// Deterministic (RFC 6979) secp256k1 signatures with Ethereum's recovery id, the same bytes Nethereum's
/// <c>EthECKey.SignAndCalculateV</c> makes. Nethereum finds the recovery id by recovering public keys from the
/// signature until one matches, two or more elliptic-curve multiplications per signature; the id is the parity of
/// the nonce point's y, known while signing (issue #30: recovering it was half the cost of sealing a batch, and
/// the settlement's largest allocation when signing its transactions).
/// </summary>
public static class RecoverableSignature
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly BigInteger HalfOrder = Curve.N.ShiftRight(1);

    /// <summary>r ‖ s ‖ v (v = 27 + recovery id) over a 32-byte digest, s in its low form (EIP-2).</summary>
    public static byte[] Sign(byte[] digest, byte[] privateKey)
    {
        var n = Curve.N;
        var d = new BigInteger(1, privateKey);
        var e = new BigInteger(1, digest);
        var nonces = new HMacDsaKCalculator(new Sha256Digest());
        nonces.Init(n, d, digest);
        var multiplier = new FixedPointCombMultiplier();
        while (true)
        {
            var k = nonces.NextK();
            var point = multiplier.Multiply(Curve.G, k).Normalize();
            var x = point.AffineXCoord.ToBigInteger();
            var r = x.Mod(n);
            if (r.SignValue == 0) continue;
            var s = BigIntegers.ModOddInverse(n, k).Multiply(e.Add(d.Multiply(r))).Mod(n);
            if (s.SignValue == 0) continue;

            var recovery = (point.AffineYCoord.ToBigInteger().TestBit(0) ? 1 : 0) | (x.CompareTo(n) >= 0 ? 2 : 0);
            // The low-s twin is the signature of the negated nonce point: its y has the other parity.
            if (s.CompareTo(HalfOrder) > 0) (s, recovery) = (n.Subtract(s), recovery ^ 1);

            var signature = new byte[65];
            BigIntegers.AsUnsignedByteArray(r, signature, 0, 32);
            BigIntegers.AsUnsignedByteArray(s, signature, 32, 32);
            signature[64] = (byte)(27 + recovery);
            return signature;
        }
    }
}
