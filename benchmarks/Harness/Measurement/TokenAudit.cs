namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// The token numbers the callers were handed, checked against the promise of a drop: each number at
/// most once, exactly 1..minted with no gap, never more than the supply.
/// </summary>
public static class TokenAudit
{
    public static IReadOnlyList<Check> Verify(IEnumerable<long> acceptedTokens, long supply, string scope = "")
    {
        var tokens = acceptedTokens.ToArray();
        Array.Sort(tokens);
        var duplicates = 0L;
        long? firstDuplicate = null;
        for (var i = 1; i < tokens.Length; i++)
        {
            if (tokens[i] != tokens[i - 1]) continue;
            duplicates++;
            firstDuplicate ??= tokens[i];
        }

        var contiguous = true;
        for (var i = 0; i < tokens.Length && contiguous; i++)
            contiguous = tokens[i] == i + 1;
        var max = tokens.Length == 0 ? 0 : tokens[^1];

        return
        [
            new Check($"{scope}no token number issued twice", duplicates == 0,
                duplicates == 0 ? $"{tokens.Length:N0} numbers, all distinct" : $"{duplicates:N0} repeats, first #{firstDuplicate}"),
            new Check($"{scope}token numbers are exactly 1..minted", contiguous,
                contiguous ? $"1..{tokens.Length:N0}" : $"{tokens.Length:N0} numbers between {(tokens.Length == 0 ? 0 : tokens[0])} and {max}"),
            new Check($"{scope}minted ≤ supply", tokens.Length <= supply && max <= supply, $"minted {tokens.Length:N0}, highest #{max:N0}, supply {supply:N0}"),
        ];
    }

    /// <summary>A failure means a claim's fate is unknown to its caller, so every count above becomes doubtful.</summary>
    public static Check NoFailedCalls(long failed, IReadOnlyList<string> samples) =>
        new("no failed calls (time-outs, transport errors, 5xx)", failed == 0,
            failed == 0 ? "none" : $"{failed:N0} failed, e.g. {string.Join(" | ", samples.Take(2))}");
}
