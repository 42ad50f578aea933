using System.Globalization;

namespace MicroEvents.Text;

/// <summary>
/// The one rule set every client-supplied string passes before any decision or storage. PostgreSQL
/// refuses NUL in <c>jsonb</c> and <c>varchar</c>, and a single such value once wedged a drop for good:
/// so no control characters (Unicode Cc, NUL included), no unpaired surrogates, bounded length.
/// Every actor reuses these rules; none re-implements them.
/// </summary>
public static class ClientText
{
    /// <summary>Ids chosen by clients: claim ids, idempotency keys, request ids.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Short human text: titles, labels, names.</summary>
    public const int MaxNameLength = 200;

    /// <summary>URIs and other long references.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>Why <paramref name="value"/> may not be stored, or null when it may. Null values are the caller's concern.</summary>
    public static string? Problem(string? value, int maxLength)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return $"must be at most {maxLength} characters";
        // Printable ASCII, the common case, passes with one vectorised search.
        if (value.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                return $"has an unpaired surrogate at position {i}";
            }
            if (char.IsLowSurrogate(c)) return $"has an unpaired surrogate at position {i}";
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Control) return $"has a control character (U+{(int)c:X4}) at position {i}";
        }
        return null;
    }

    public static bool IsValid(string? value, int maxLength) => Problem(value, maxLength) is null;

    /// <summary>
    /// Collects every text problem of one request, keyed by field name (<c>tiers[0].name</c>), so a
    /// client fixes them in one round trip.
    /// </summary>
    public sealed class Checks
    {
        // Made on the first problem only: a claim that passes (nearly all of them) allocates nothing here.
        private Dictionary<string, List<string>>? _errors;

        public bool Ok => _errors is null;

        public IReadOnlyDictionary<string, string[]> Errors =>
            _errors?.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()) ?? new Dictionary<string, string[]>();

        /// <summary>Checks a value; returns true when it passed.</summary>
        public bool Text(string field, string? value, int maxLength)
        {
            var problem = Problem(value, maxLength);
            if (problem is null) return true;
            Fail(field, problem);
            return false;
        }

        public void Fail(string field, string problem)
        {
            _errors ??= new Dictionary<string, List<string>>();
            (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(problem);
        }
    }
}
