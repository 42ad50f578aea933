using MicroEvents.Fulfilment;

namespace MicroEvents.UnitTests.Fulfilment;

/// <summary>
/// The shortcode check, exhaustively: every single substitution and every swap of two different neighbours, for
/// every pair of symbols at every position (the check character included), is refused before any lookup.
/// </summary>
public class ShortcodeTests
{
    private static readonly string A = Shortcode.Alphabet;

    private static IEnumerable<string> Sample() => Enumerable.Range(0, 300).Select(i => Shortcode.For($"drop-{i}/{i * 7 + 1}", 0));

    [Fact]
    public void issued_codes_pass_the_check_and_are_the_same_for_a_retry()
    {
        foreach (var code in Sample())
        {
            Shortcode.Normalize(code).Should().Be(code);
            Shortcode.Normalize(Shortcode.Display(code).ToLowerInvariant()).Should().Be(code, "any case, hyphen ignored");
        }
        Shortcode.For("d/1", 0).Should().Be(Shortcode.For("d/1", 0));
        Shortcode.For("d/1", 1).Should().NotBe(Shortcode.For("d/1", 0));
    }

    [Fact]
    public void every_single_substitution_at_every_position_is_caught()
    {
        foreach (var code in Sample())
            for (var i = 0; i < code.Length; i++)
                foreach (var other in A.Where(c => c != code[i]))
                    Shortcode.Normalize(code[..i] + other + code[(i + 1)..]).Should().BeNull($"{code} with {other} at {i}");
    }

    [Fact]
    public void every_swap_of_two_different_neighbours_is_caught_for_every_pair_of_symbols_at_every_position()
    {
        var checkedSwaps = 0;
        for (var position = 0; position < Shortcode.Length; position++)
            foreach (var x in A)
                foreach (var y in A.Where(c => c != x))
                {
                    var code = ValidWith(position, x, y);
                    var swapped = code[..position] + y + x + code[(position + 2)..];
                    Shortcode.Normalize(swapped).Should().BeNull($"{code} → {swapped}");
                    checkedSwaps++;
                }
        checkedSwaps.Should().Be(Shortcode.Length * 30 * 29);
    }

    [Fact]
    public void the_swap_luhn_mod_30_missed_is_caught_now_and_codes_issued_before_still_parse_as_legacy()
    {
        // The pair: both pass Luhn mod 30, so both went to the lookup (404).
        Shortcode.NormalizeLegacy("2ZC6EP34H").Should().Be("2ZC6EP34H");
        Shortcode.NormalizeLegacy("z2c6-ep34h").Should().Be("Z2C6EP34H");
        var code = ValidWith(0, '2', 'Z');
        Shortcode.Normalize(code).Should().Be(code);
        Shortcode.Normalize("Z2" + code[2..]).Should().BeNull();
    }

    [Fact]
    public void no_body_whose_check_has_no_symbol_is_issued()
    {
        var body = Enumerable.Range(0, 31 * 30).Select(i => $"{A[i % 30]}{A[i / 30 % 30]}{A[i / 900 % 30]}23456").FirstOrDefault(b => Shortcode.Check(b) is null);
        body.Should().NotBeNull("about one body in 31 needs the value 30");
        foreach (var c in Sample()) Shortcode.Check(c[..Shortcode.Length]).Should().Be(c[Shortcode.Length]);
    }

    // A valid code with x at position p and y at p + 1 (p + 1 may be the check character): the other characters are searched.
    private static string ValidWith(int p, char x, char y)
    {
        var free = Enumerable.Range(0, Shortcode.Length).Where(i => i != p && i != p + 1).Take(2).ToArray();
        foreach (var f0 in A)
            foreach (var f1 in A)
            {
                var body = "AB3C4D5E".ToCharArray();
                body[free[0]] = f0;
                body[free[1]] = f1;
                body[p] = x;
                if (p + 1 < Shortcode.Length) body[p + 1] = y;
                var text = new string(body);
                if (Shortcode.Check(text) is { } check && (p + 1 < Shortcode.Length || check == y)) return text + check;
            }
        throw new InvalidOperationException($"no code with {x}{y} at {p}");
    }
}
