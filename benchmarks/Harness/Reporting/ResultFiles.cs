using System.Text.Json;
using System.Text.Json.Serialization;

namespace MicroEvents.Benchmarks.Reporting;

/// <summary>
/// Writes <c>run-&lt;ts&gt;.json</c>, <c>.md</c> and <c>.png</c> under the (git-ignored) results folder and
/// copies them to <c>latest.*</c>.
/// </summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Re-renders an earlier run's Markdown (to stdout) and chart (beside its JSON) from its JSON.</summary>
    public static int Render(string jsonPath)
    {
        var report = JsonSerializer.Deserialize<RunReport>(File.ReadAllText(jsonPath), Json)
            ?? throw new InvalidDataException($"{jsonPath} holds no run report");
        Console.Out.Write(MarkdownTable.Render(report));
        var png = Path.ChangeExtension(jsonPath, ".png");
        if (Chart.Save(report, png)) Console.Error.WriteLine($"wrote {png}");
        return report.CorrectnessPassed ? 0 : 1;
    }

    public static IReadOnlyList<string> Write(RunReport report, string markdown, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"run-{report.RunId}");
        var written = new List<string>();

        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, Json));
        written.Add(stem + ".json");
        File.WriteAllText(stem + ".md", markdown);
        written.Add(stem + ".md");
        try
        {
            if (Chart.Save(report, stem + ".png")) written.Add(stem + ".png");
        }
        catch (Exception e)
        {
            // The figures are in the JSON; a chart that cannot render (e.g. missing native libraries) must not lose them.
            Console.Error.WriteLine($"Chart not written: {e.GetType().Name}: {e.Message}");
        }

        foreach (var extension in new[] { ".json", ".md", ".png" })
        {
            var latest = Path.Combine(directory, "latest" + extension);
            var file = written.FirstOrDefault(f => f.EndsWith(extension, StringComparison.Ordinal));
            if (file is not null) File.Copy(file, latest, overwrite: true);
            else File.Delete(latest); // never leave a previous run's picture beside this run's figures
        }
        return written;
    }
}
