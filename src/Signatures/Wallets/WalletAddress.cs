using Nethereum.Util;

namespace MicroEvents.Wallets;

/// <summary>
/// Ethereum-style wallet addresses: <c>0x</c> + 40 hex digits. All-lower or all-upper input is
/// accepted as is; mixed case claims to be EIP-55 and must pass its checksum. The stored and
/// returned form is always the checksummed one.
/// </summary>
public static class WalletAddress
{
    public static bool TryNormalize(string? input, out string checksummed)
    {
        checksummed = "";
        if (input is not { Length: 42 } || !input.StartsWith("0x", StringComparison.Ordinal)) return false;

        var hex = input.AsSpan(2);
        foreach (var c in hex)
            if (!char.IsAsciiHexDigit(c)) return false;

        var hasLower = hex.ContainsAny("abcdef");
        var hasUpper = hex.ContainsAny("ABCDEF");
        if (hasLower && hasUpper && !AddressUtil.Current.IsChecksumAddress(input)) return false;

        checksummed = AddressUtil.Current.ConvertToChecksumAddress(input);
        return true;
    }

    /// <summary>The key under which per-wallet limits are counted: letter case never splits a wallet.</summary>
    public static string LimitKey(string address) => address.ToLowerInvariant();
}
