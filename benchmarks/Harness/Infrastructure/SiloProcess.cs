using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// The product's silo (with its co-hosted HTTP gateway) as a real OS process, started from the built
/// <c>MicroEvents.Silo.dll</c> beside the harness, so it can be killed with SIGKILL like a crashed machine.
/// Its output goes to a log file, kept for post-mortems.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SiloProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public sealed record Ports(int Http, int Silo, int Gateway)
    {
        public static Ports Free() => new(FreePort.Next(), FreePort.Next(), FreePort.Next());

        public Uri BaseAddress => new($"http://127.0.0.1:{Http}/");
    }

    public static SiloProcess Start(string connectionString, string schema, Ports ports, string logPath, string keyEncryptionKey)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MicroEvents.Silo.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build benchmarks/Harness (it references src/Silo).");

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in (string[])[dll, "run", "--connection-string", connectionString, "--urls", $"http://127.0.0.1:{ports.Http}",
                     "--silo-port", ports.Silo.ToString(), "--gateway-port", ports.Gateway.ToString()])
            info.ArgumentList.Add(a);
        info.Environment["Journal__Schema"] = schema;
        info.Environment["Receipts__KeyEncryptionKey"] = keyEncryptionKey;
        info.Environment["Claims__SecretKey"] = keyEncryptionKey; // a silo on a configured database needs both shared secrets
        info.Environment["Receipts__SealOnMint"] = "false"; // the fault audit expects nothing but mints after the setup
        // 48 phones on one loopback address are what the abuse limits would stop; they measure faults, not abuse.
        info.Environment["Gateway__Limits__Enabled"] = "false";
        // Per-request logs would cost the 2 cores the load needs; warnings (503s, refused appends) are what a post-mortem wants.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__MicroEvents"] = "Information";

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the silo process");
        var silo = new SiloProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => silo.Write(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (cluster and PostgreSQL up), or throws with the log's path.</summary>
    public async Task WaitUntilReady(Uri baseAddress, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        using var probe = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                if (HasExited) throw new InvalidOperationException($"The silo exited with {_process.ExitCode} before it was ready; see {LogPath}");
                try
                {
                    using var ready = await http.GetAsync("health/ready", limit.Token);
                    if (ready.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!limit.IsCancellationRequested) { }
            } while (await probe.WaitForNextTickAsync(limit.Token));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"The silo was not ready within {timeout.TotalSeconds:0} s; see {LogPath}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, in-flight requests cut, like a machine losing power.</summary>
    public async Task Kill()
    {
        Write($"[harness] SIGKILL pid {_process.Id}");
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGINT (Ctrl-C) and the time the process took to exit, or null if it did not within <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan?> Interrupt(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        if (kill(_process.Id, SigInt) != 0) return null;
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private bool _closed;

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_log)
            if (!_closed) _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
