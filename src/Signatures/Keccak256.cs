using Org.BouncyCastle.Crypto.Digests;

namespace MicroEvents.Signatures;

/// <summary>
/// Keccak-256 (Ethereum's hash, not FIPS SHA3-256) over spans. Nethereum's <c>Sha3Keccack</c> takes and
/// returns arrays and copies on the way; the claim path and receipt sealing hash every mint, so they use this
/// (issue #30: allocation per claim). Nethereum stays the reference the tests compare against.
/// </summary>
public static class Keccak256
{
    public const int Size = 32;

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(hash);
    }

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Hash(data, hash);
        return hash;
    }
}
