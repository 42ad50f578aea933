namespace MicroEvents.Gateway.WebConsole;

/// <summary>
/// The console's files, embedded in the gateway like the live page: plain HTML, CSS and JavaScript, no build step,
/// nothing from another host. Read once; a name not in this list is not served.
/// </summary>
public static class ConsoleAssets
{
    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["console.css"] = "text/css; charset=utf-8",
        ["api.js"] = "text/javascript; charset=utf-8",
        ["view.js"] = "text/javascript; charset=utf-8",
        ["signin.js"] = "text/javascript; charset=utf-8",
        ["creator.js"] = "text/javascript; charset=utf-8",
        ["operator.js"] = "text/javascript; charset=utf-8",
        ["console.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly Dictionary<string, (string MediaType, string Text)> Files =
        MediaTypes.ToDictionary(kv => kv.Key, kv => (kv.Value, Load(kv.Key)), StringComparer.Ordinal);

    public static bool TryGet(string name, out string mediaType, out string text)
    {
        var found = Files.TryGetValue(name, out var file);
        (mediaType, text) = found ? file : ("", "");
        return found;
    }

    private static string Load(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("MicroEvents.Gateway.WebConsole." + name)
            ?? throw new InvalidOperationException($"WebConsole/{name} is not embedded in the gateway.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
