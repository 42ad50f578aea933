using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MicroEvents.Silo.Clustering;

/// <summary>One process of a local cluster (a silo or a gateway): its output goes to ours, each line prefixed with its name.</summary>
public sealed class ClusterMember : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private readonly string _file;
    private readonly string[] _args;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private ClusterMember(string name, string url, Process process, string file, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Url = url;
        _process = process;
        _file = file;
        _args = args;
        _environment = environment;
    }

    /// <summary>True once <see cref="Stop"/> was asked: its exit is expected, not news.</summary>
    public bool Stopping { get; private set; }

    /// <summary>The same member again: same command line (ports, URL) and environment (secrets file, cluster id).</summary>
    public ClusterMember Restart(TextWriter output) => Start(Name, Url, _file, _args, new Dictionary<string, string>(_environment), output);

    public string Name { get; }

    /// <summary>Its HTTP address (the gateway API; silos serve it too).</summary>
    public string Url { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ClusterMember Start(string name, string url, string file, IEnumerable<string> args, IDictionary<string, string> environment, TextWriter output)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        var arguments = args.ToArray();
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name} ({file}).");
        var prefix = $"[{name}] ";
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(prefix + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.WriteLine(prefix + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ClusterMember(name, url, process, file, arguments, new Dictionary<string, string>(environment));
    }

    public Task WaitForExit(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>Asks the process to stop (SIGTERM: a silo hands its actors off) and waits; kills it if it does not stop in time.</summary>
    public async Task Stop(TimeSpan grace)
    {
        Stopping = true;
        if (_process.HasExited) return;
        if (OperatingSystem.IsWindows() || kill(_process.Id, SigTerm) != 0)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
