namespace MicroEvents.Benchmarks.Measurement;

/// <summary>One correctness check; a single failed check fails the whole run.</summary>
public sealed record Check(string Name, bool Passed, string Detail)
{
    public static Check Equal(string name, long expected, long actual) =>
        new(name, expected == actual, $"expected {expected:N0}, got {actual:N0}");
}
