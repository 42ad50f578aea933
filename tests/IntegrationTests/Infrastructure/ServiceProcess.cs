using System.Diagnostics;
using System.Net;
using System.Text;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>One of our executables (silo or gateway) run as a real OS process from the test's output folder.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly OwnedProcess _owned;

    // Owned by the run: if the test host dies, a watcher stops it (SIGTERM, so a silo stops the PostgreSQL it started).
    private ServiceProcess(Process process, string description) =>
        (_process, _owned) = (process, OwnedProcesses.Own(process.Id, description, "TERM"));

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    public static ServiceProcess Start(string assembly, IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;

        var process = new ServiceProcess(Process.Start(info)!, $"{assembly} {string.Join(' ', args.Take(1))}");
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="url"/> answers 200, or fails with the process's output.</summary>
    public async Task WaitUntilReady(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited) throw new InvalidOperationException($"Process exited with {ExitCode} before {url} was ready:\n{Output}");
            try
            {
                if ((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} not ready after {timeout}:\n{Output}");
    }

    /// <summary>Asks the process to stop as Ctrl-C would (SIGINT) and waits for it to exit.</summary>
    public async Task<int> Interrupt(TimeSpan timeout)
    {
        if (SigintIgnored)
            throw new InvalidOperationException("This test run ignores SIGINT, so the processes it starts do too and Ctrl-C cannot reach them: " +
                "a non-interactive shell ignores SIGINT in the commands it runs in the background (`dotnet test … &` in a script), and a " +
                "signal ignored at exec stays ignored. Run `dotnet test` in the foreground.");
        Posix.kill(_process.Id, Posix.SIGINT);
        return await WaitForExit(timeout);
    }

    // SIGINT is signal 2, bit 1 of the mask of ignored signals the kernel shows for this process.
    private static readonly bool SigintIgnored = File.Exists("/proc/self/status") && File.ReadLines("/proc/self/status")
        .FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;

    /// <summary>Asks the process to stop as a service manager would (SIGTERM); see <see cref="WaitForExit"/>.</summary>
    public void Terminate() => Posix.kill(_process.Id, Posix.SIGTERM);

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // What the process said last is what tells a slow stop from a hung one.
            var lines = Output.Split('\n');
            throw new TimeoutException($"Process {_process.Id} still running {timeout} after it was asked to stop; its last output:\n" +
                string.Join('\n', lines[Math.Max(0, lines.Length - 40)..]));
        }
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _owned.Release();
        _process.Dispose();
    }

    private static class Posix
    {
        public const int SIGINT = 2;
        public const int SIGTERM = 15;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}
