using System.Diagnostics;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>Progress lines on stderr, so stdout carries only the Markdown summary.</summary>
public static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Line(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed:mm\\:ss\\.f}] {message}");
}
