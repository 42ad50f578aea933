using MicroEvents.Signatures;

namespace MicroEvents.Wallets;

/// <summary>
/// Ethereum-style wallet addresses: <c>0x</c> + 40 hex digits. All-lower or all-upper input is
/// accepted as is; mixed case claims to be EIP-55 and must pass its checksum. The stored and
/// returned form is always the checksummed one.
/// </summary>
public static class WalletAddress
{
    private const int HexDigits = 40;

    public static bool TryNormalize(string? input, out string checksummed)
    {
        checksummed = "";
        if (input is not { Length: HexDigits + 2 } || !input.StartsWith("0x", StringComparison.Ordinal)) return false;

        var hex = input.AsSpan(2);
        foreach (var c in hex)
            if (!char.IsAsciiHexDigit(c)) return false;

        // EIP-55 on the stack: every claim normalises its wallet, and Nethereum's AddressUtil built ~5 KB of
        // strings per address (issue #30, the largest allocation on the claim path). Nethereum stays the
        // reference in the tests.
        Span<byte> hash = stackalloc byte[32];
        ChecksumHash(hex, hash);
        // Already in checksummed form (the usual case for a client that checksums): no new string.
        if (MatchesChecksum(hex, hash))
        {
            checksummed = input;
            return true;
        }
        if (hex.ContainsAny("abcdef") && hex.ContainsAny("ABCDEF")) return false;

        checksummed = string.Create(HexDigits + 2, (input, hash.ToArray()), static (chars, state) =>
        {
            chars[0] = '0';
            chars[1] = 'x';
            for (var i = 0; i < HexDigits; i++) chars[i + 2] = Checksummed(state.input[i + 2], state.Item2, i);
        });
        return true;
    }

    /// <summary>The key under which per-wallet limits are counted: letter case never splits a wallet.</summary>
    public static string LimitKey(string address) => address.ToLowerInvariant();

    // Keccak-256 of the lower-case hex digits (ASCII), as EIP-55 defines it.
    private static void ChecksumHash(ReadOnlySpan<char> hex, Span<byte> hash)
    {
        Span<byte> lower = stackalloc byte[HexDigits];
        for (var i = 0; i < HexDigits; i++) lower[i] = (byte)char.ToLowerInvariant(hex[i]);
        Keccak256.Hash(lower, hash);
    }

    private static bool MatchesChecksum(ReadOnlySpan<char> hex, ReadOnlySpan<byte> hash)
    {
        for (var i = 0; i < HexDigits; i++)
            if (hex[i] != Checksummed(hex[i], hash, i)) return false;
        return true;
    }

    // Digit i is upper case when nibble i of the hash is 8 or more (letters only; digits have no case).
    private static char Checksummed(char digit, ReadOnlySpan<byte> hash, int i)
    {
        var nibble = (i & 1) == 0 ? hash[i >> 1] >> 4 : hash[i >> 1] & 0x0f;
        return nibble >= 8 ? char.ToUpperInvariant(digit) : char.ToLowerInvariant(digit);
    }
}
