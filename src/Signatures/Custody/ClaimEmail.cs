using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MicroEvents.Signatures.Custody;

/// <summary>
/// The email a custodial claim signs, as <c>keccak256(utf8(lower(trim(email))))</c>: the wallet binds the address
/// the code goes to without the plain address ever entering the typed data.
/// </summary>
public static class ClaimEmail
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static string Hash(string email) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(Normalize(email))).ToHex(prefix: true);
}
