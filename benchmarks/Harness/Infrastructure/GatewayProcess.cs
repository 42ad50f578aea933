using System.Diagnostics;
using System.Net;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.Benchmarks.Infrastructure;

/// <summary>
/// The gateway as its own OS process (<c>MicroEvents.Gateway.dll</c>, as <c>cluster</c> mode starts it): an Orleans
/// client that finds the harness's silo in the membership table of the run's database. Its CPU is measured apart
/// from the harness's (<see cref="Measurement.ProcessCpu"/> counts it among the child processes).
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StreamWriter _log;

    private GatewayProcess(Process process, StreamWriter log, Uri baseAddress) => (_process, _log, BaseAddress) = (process, log, baseAddress);

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<GatewayProcess> Start(string connectionString, string schema, string clusterId, string claimKey, string logFile, CancellationToken ct)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MicroEvents.Gateway.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"The gateway ({dll}) is not beside the harness; build it first.");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Journal__Schema"] = schema;
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__ServiceId"] = "microevents";
        start.Environment["Claims__SecretKey"] = claimKey;
        // As the in-process gateway of hot-drop-http: no abuse limits (one load driver), no per-request logs.
        start.Environment["Gateway__Limits__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The gateway process did not start.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await gateway.Ready(ct);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
        return gateway;
    }

    private async Task Ready(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The gateway process exited with {_process.ExitCode} before it was ready.");
            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "health/ready"), ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The gateway process was not ready within {ReadyTimeout.TotalSeconds:0} s.");
            await Task.Delay(250, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
