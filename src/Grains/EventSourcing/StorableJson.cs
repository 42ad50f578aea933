namespace MicroEvents.EventSourcing;

/// <summary>
/// What PostgreSQL's <c>jsonb</c> cannot hold although the JSON is valid: the NUL character and
/// unpaired UTF-16 surrogates (as escapes). Checked on every event before it is queued, as defence
/// in depth behind <see cref="Text.ClientText"/>: one such value must never poison a shared append.
/// </summary>
public static class StorableJson
{
    public static string? Problem(string json)
    {
        // The common case, checked with vectorised searches: no escape sequence, no NUL, no surrogate at all.
        var span = json.AsSpan();
        if (span.IndexOfAny('\\', '\0') < 0 && span.IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return null;

        for (var i = json.IndexOf('\\'); i >= 0 && i < json.Length - 1; i = json.IndexOf('\\', i + 2))
        {
            if (json[i + 1] != 'u' || i + 6 > json.Length) continue;
            var code = Convert.ToInt32(json.Substring(i + 2, 4), 16);
            if (code == 0) return "contains a NUL character (\\u0000)";
            if (code is >= 0xDC00 and <= 0xDFFF) return "contains an unpaired low surrogate";
            if (code is >= 0xD800 and <= 0xDBFF)
            {
                var low = i + 12 <= json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' ? Convert.ToInt32(json.Substring(i + 8, 4), 16) : -1;
                if (low is < 0xDC00 or > 0xDFFF) return "contains an unpaired high surrogate";
                i += 6;
            }
        }
        // Raw characters, when the encoder lets them through unescaped.
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\0') return "contains a NUL character";
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1])) { i++; continue; }
            return "contains an unpaired surrogate";
        }
        return null;
    }
}
