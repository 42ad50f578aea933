using Nethereum.Hex.HexConvertors.Extensions;

namespace MicroEvents.Signatures.Challenges;

/// <summary>
/// The 32-byte nonce of a claim challenge: 16 random bytes, then 16 bytes of an HMAC that binds them to
/// the challenge (see <see cref="ChallengeIssuer"/>). Its hex form is also the claim id, so one signed
/// challenge can only ever be one claim.
/// </summary>
public readonly record struct ChallengeNonce(ReadOnlyMemory<byte> Bytes)
{
    public const int Length = 32;
    public const int RandomLength = 16;

    public ReadOnlySpan<byte> Random => Bytes.Span[..RandomLength];

    public ReadOnlySpan<byte> Tag => Bytes.Span[RandomLength..];

    public static ChallengeNonce From(ReadOnlySpan<byte> random, ReadOnlySpan<byte> tag)
    {
        byte[] bytes = [.. random, .. tag[..(Length - RandomLength)]];
        return new ChallengeNonce(bytes);
    }

    /// <summary><c>0x</c> + 64 hex digits; nothing else parses. <see cref="ToString"/> is always lower case.</summary>
    public static bool TryParse(string? hex, out ChallengeNonce nonce)
    {
        nonce = default;
        if (hex is not { Length: 2 + 2 * Length } || !hex.StartsWith("0x", StringComparison.Ordinal)) return false;
        foreach (var c in hex.AsSpan(2))
            if (!char.IsAsciiHexDigit(c)) return false;
        nonce = new ChallengeNonce(hex.HexToByteArray());
        return true;
    }

    public override string ToString() => Bytes.ToArray().ToHex(prefix: true);

    public bool Equals(ChallengeNonce other) => Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override int GetHashCode() => BitConverter.ToInt32(Bytes.Span[..4]);
}
