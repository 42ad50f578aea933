using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Packing-table codes: 8 characters plus a check character from a 30-letter alphabet with nothing a
/// person misreads (no 0/O, 1/I/L, U), shown as <c>XXXX-XXXXC</c>. Derived from the order id (and an attempt
/// number, on the rare collision), so a retry makes the same code.
/// <para>
/// The check (since v2) is a weighted sum modulo the prime 31: with symbol values a₁…a₉ (check last),
/// Σ i·aᵢ ≡ 0 (mod 31). A single substitution changes the sum by i·(b−a), and a swap of neighbours by (a−b);
/// 31 is prime and every factor lies in 1…30, so neither can leave the sum at 0: every mistyped character and
/// every swap of two neighbours (any two symbols, at any position, the check character included) is caught.
/// Bodies whose check value would be 30 (no symbol) are never issued.
/// </para>
/// <para>Codes issued before v2 used Luhn mod 30, which misses a swap of the alphabet's first and last symbols
/// (2 ↔ Z). Such a code still resolves if it was issued (see <see cref="NormalizeLegacy"/>).</para>
/// </summary>
public static class Shortcode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;
    private const int Prime = 31;
    private const int InverseOfNine = 7;

    public static string For(string orderId, int attempt)
    {
        for (var salt = 0; ; salt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"microevents.shortcode.v2\n{orderId}\n{attempt}\n{salt}"));
            var value = BitConverter.ToUInt64(hash, 0);
            var chars = new char[Length];
            for (var i = 0; i < Length; i++)
            {
                chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
                value /= (ulong)Alphabet.Length;
            }
            var body = new string(chars);
            if (Check(body) is { } check) return body + check;
        }
    }

    /// <summary>The canonical code typed by a person (any case, hyphens and spaces ignored), or null when it is not a valid code.</summary>
    public static string? Normalize(string? typed) => Canonical(typed) is { } text && Check(text[..Length]) == text[Length] ? text : null;

    /// <summary>
    /// A code that fails the current check but passes the one used before v2 (Luhn mod 30): it resolves only if such a
    /// code was issued; otherwise it is answered as a typo.
    /// </summary>
    public static string? NormalizeLegacy(string? typed) => Canonical(typed) is { } text && LuhnCheck(text[..Length]) == text[Length] ? text : null;

    public static string Display(string code) => $"{code[..4]}-{code[4..]}";

    /// <summary>The check character that makes Σ i·aᵢ ≡ 0 (mod 31), or null when that value (30) has no symbol.</summary>
    public static char? Check(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += (i + 1) * Alphabet.IndexOf(body[i]);
        // 9 · c ≡ −sum (mod 31), and 9 · 7 = 63 ≡ 1.
        var value = (Prime - sum % Prime) % Prime * InverseOfNine % Prime;
        return value < Alphabet.Length ? Alphabet[value] : null;
    }

    private static string? Canonical(string? typed)
    {
        if (typed is null || typed.Length > 32) return null;
        var code = new StringBuilder(Length + 1);
        foreach (var c in typed)
        {
            if (c is '-' or ' ') continue;
            var upper = char.ToUpperInvariant(c);
            if (Alphabet.IndexOf(upper) < 0) return null;
            code.Append(upper);
        }
        return code.Length == Length + 1 ? code.ToString() : null;
    }

    // Luhn mod N over the alphabet's indices: the check of codes issued before v2.
    private static char LuhnCheck(string body)
    {
        var n = Alphabet.Length;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return Alphabet[(n - sum % n) % n];
    }
}
