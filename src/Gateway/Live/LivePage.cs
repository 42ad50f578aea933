namespace MicroEvents.Gateway.Live;

/// <summary>The live page: one static HTML file with inline script and styles, embedded in the gateway (no build step, no CDN).</summary>
public static class LivePage
{
    public static readonly string Html = Load();

    private static string Load()
    {
        using var stream = typeof(LivePage).Assembly.GetManifestResourceStream("MicroEvents.Gateway.Live.live.html")
            ?? throw new InvalidOperationException("live.html is not embedded in the gateway.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
