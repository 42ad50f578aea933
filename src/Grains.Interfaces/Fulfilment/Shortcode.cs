using System.Security.Cryptography;
using System.Text;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Packing-table codes: 8 characters plus a check character from a 30-letter alphabet with nothing a
/// person misreads (no 0/O, 1/I/L, U), shown as <c>XXXX-XXXXC</c>. The check character is Luhn mod 30,
/// so any single mistyped character and any swap of two neighbours is caught before a lookup.
/// Derived from the order id (and an attempt number, on the rare collision), so a retry makes the same code.
/// </summary>
public static class Shortcode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;

    public static string For(string orderId, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"microevents.shortcode.v1\n{orderId}\n{attempt}"));
        var value = BitConverter.ToUInt64(hash, 0);
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }
        var body = new string(chars);
        return body + Check(body);
    }

    /// <summary>The canonical code typed by a person (any case, hyphens and spaces ignored), or null when it is not a valid code.</summary>
    public static string? Normalize(string? typed)
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
        if (code.Length != Length + 1) return null;
        var text = code.ToString();
        return Check(text[..Length]) == text[Length] ? text : null;
    }

    public static string Display(string code) => $"{code[..4]}-{code[4..]}";

    // Luhn mod N over the alphabet's indices.
    private static char Check(string body)
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
