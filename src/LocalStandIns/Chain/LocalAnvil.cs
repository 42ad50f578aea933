using System.Diagnostics;
using MicroEvents.LocalStandIns.Ports;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace MicroEvents.LocalStandIns.Chain;

/// <summary>
/// A real EVM for the local run and the tests when no <c>Settlement:RpcUrl</c> is configured: anvil, the
/// binary inside npm's <c>@foundry-rs/anvil-linux-amd64</c> (installed under <c>tools/contracts/node_modules</c>
/// by the build or <c>.ci/run</c>), on a free loopback port. Dies with its owner.
/// </summary>
public sealed class LocalAnvil : IAsyncDisposable
{
    /// <summary>anvil's first development account (from its fixed test mnemonic): public knowledge, never for a real chain.</summary>
    public const string DevelopmentKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private readonly Process _process;

    private LocalAnvil(Process process, string rpcUrl) => (_process, RpcUrl) = (process, rpcUrl);

    public string RpcUrl { get; }

    /// <summary>The anvil process, for an owner that must be able to stop it should this process die first (the tests' run records).</summary>
    public int ProcessId => _process.Id;

    /// <param name="stateFile">Where anvil keeps its chain between runs (<c>--state</c>); null: a fresh chain.</param>
    /// <param name="blockTime">Mine a block every this many seconds (confirmations keep coming); null: a block per transaction.</param>
    public static async Task<LocalAnvil> StartAsync(string? stateFile = null, int? blockTime = null, string? binaryPath = null, CancellationToken ct = default)
    {
        var binary = FindBinary(binaryPath) ?? throw new FileNotFoundException(
            "anvil not found: run `npm ci` in tools/contracts (the build does it when npm is there), or set Settlement:AnvilPath or Settlement:RpcUrl.");
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(), "--silent" }) start.ArgumentList.Add(arg);
        if (blockTime is { } seconds)
        {
            start.ArgumentList.Add("--block-time");
            start.ArgumentList.Add(seconds.ToString());
        }
        if (stateFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
            SetAsideIfUnreadable(stateFile);
            start.ArgumentList.Add("--state");
            start.ArgumentList.Add(stateFile);
            // anvil dumps its state on a clean exit only; a killed run keeps what the last interval wrote.
            start.ArgumentList.Add("--state-interval");
            start.ArgumentList.Add("2");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WatchParent(process.Id);
        var node = new LocalAnvil(process, $"http://127.0.0.1:{port}");
        try
        {
            await node.WaitUntilReady(ct);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// anvil rewrites its state file in place at every interval, so a run killed in the middle of a write leaves it empty
    /// or cut short, and anvil then refuses to start (exit 2): nothing that needs the chain could start again. An
    /// unreadable file is kept beside it (<c>….unreadable-&lt;time&gt;</c>) and the chain starts fresh; settlement finds
    /// its recorded contract gone and deploys again. Returns where the file went, or null when it was readable or absent.
    /// </summary>
    public static string? SetAsideIfUnreadable(string stateFile)
    {
        if (!File.Exists(stateFile)) return null;
        try
        {
            using var stream = File.OpenRead(stateFile);
            using var _ = System.Text.Json.JsonDocument.Parse(stream);
            return null;
        }
        catch (System.Text.Json.JsonException)
        {
            var aside = $"{stateFile}.unreadable-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}";
            File.Move(stateFile, aside, overwrite: true);
            return aside;
        }
    }

    private async Task WaitUntilReady(CancellationToken ct)
    {
        var web3 = new Web3(RpcUrl);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"anvil exited with {_process.ExitCode}.");
            try
            {
                await web3.Eth.ChainId.SendRequestAsync();
                return;
            }
            catch (Exception e) when (e is RpcClientUnknownException or HttpRequestException or RpcClientTimeoutException)
            {
                // Its port opens a moment after the process starts; wait on the next readiness probe.
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary><c>Settlement:AnvilPath</c>, else tools/contracts/node_modules above the binary, else anvil on PATH.</summary>
    public static string? FindBinary(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
            if (File.Exists(candidate)) return candidate;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "anvil")).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// A killed silo (SIGKILL, a crash) runs no clean-up: a small watcher ends anvil within a second of
    /// its parent's death, so no chain outlives the process that started it.
    /// </summary>
    private static void WatchParent(int anvilPid)
    {
        var watch = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        watch.ArgumentList.Add("-c");
        watch.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 {anvilPid} 2>/dev/null; do sleep 1; done; kill {anvilPid} 2>/dev/null");
        try { Process.Start(watch)?.Dispose(); }
        catch (System.ComponentModel.Win32Exception) { } // no /bin/sh (not Linux/macOS): clean stops still end anvil
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
