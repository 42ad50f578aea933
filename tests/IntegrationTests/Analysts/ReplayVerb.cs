using MicroEvents.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Analysts;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>The <c>export</c> and <c>replay</c> verbs as an analyst runs them: files on disk, the real silo executable, its exit code and output.</summary>
public sealed class ReplayVerb(DropCluster cluster) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("microevents-replay-").FullName;

    /// <summary>The export verb's file for <paramref name="filter"/>, as lines (the trailer, when there is one, last).</summary>
    public async Task<List<string>> Export(EventFilter filter)
    {
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.ndjson");
        await ExportCommand.Write(new EventLog(cluster.Store), filter, null, file, default);
        return (await File.ReadAllLinesAsync(file)).ToList();
    }

    /// <summary>Runs <c>replay</c> on <paramref name="lines"/> (each ended by a newline, as written) against the cluster's schema.</summary>
    public Task<(int Exit, string Output)> Replay(IEnumerable<string> lines) => ReplayText(string.Concat(lines.Select(l => l + "\n")));

    public async Task<(int Exit, string Output)> ReplayText(string content)
    {
        var file = Path.Combine(_folder, $"{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, content);
        await using var verb = ServiceProcess.Start("MicroEvents.Silo.dll", ["replay", file, "--verbose", "--connection-string", await TestPostgres.ConnectionString],
            new Dictionary<string, string> { ["Journal__Schema"] = cluster.Schema });
        var exit = await verb.WaitForExit(TimeSpan.FromSeconds(90));
        return (exit, verb.Output);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
