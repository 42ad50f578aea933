using System.CommandLine;
using System.Net.Sockets;
using System.Text;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Clustering;

/// <summary>
/// How another terminal talks to a running <c>cluster</c>: a Unix socket beside the local data folder
/// (<c>.pgdata/dev-cluster-&lt;cluster id&gt;.sock</c>, owner-only like the folder), one request line, one answer line.
/// <c>cluster restart silo-2</c> sends <c>restart silo-2</c>; the cluster stops that member if it still runs and
/// starts it again with the same command line, ports and settings.
/// </summary>
public static class ClusterControl
{
    public static string SocketPath(SiloSettings settings)
    {
        var data = Path.GetFullPath(settings.LocalDataDirectory ?? Storage.DefaultDataDirectory());
        return Path.Combine(Path.GetDirectoryName(data)!, $"{Path.GetFileName(data)}-cluster-{settings.ClusterId}.sock");
    }

    /// <summary>Answers requests until <paramref name="ct"/> ends; the socket file is removed then.</summary>
    public static async Task Serve(string path, Func<string, CancellationToken, Task<string>> handle, ILogger log, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            // A socket file left by a cluster that was killed: remove it, unless a live cluster still answers on it.
            if (await Answers(path)) throw new InvalidOperationException($"A cluster with id already running answers on {path}; stop it or use another Orleans__ClusterId.");
            File.Delete(path);
        }
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(4);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(ct);
                _ = Task.Run(async () =>
                {
                    using var socket = client;
                    await using var stream = new NetworkStream(socket);
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
                    try
                    {
                        var request = (await reader.ReadLineAsync(ct))?.Trim() ?? "";
                        await writer.WriteLineAsync(await handle(request, ct));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        log.LogWarning("Cluster control request failed: {Message}", e.Message);
                        try { await writer.WriteLineAsync($"error: {e.Message}"); } catch (IOException) { }
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { }
        }
    }

    public static async Task<string?> Send(string path, string request, TimeSpan timeout)
    {
        if (!File.Exists(path)) return null;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel.Token);
        }
        catch (SocketException)
        {
            return null;
        }
        await using var stream = new NetworkStream(socket);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await writer.WriteLineAsync(request);
        return await reader.ReadLineAsync(cancel.Token);
    }

    private static async Task<bool> Answers(string path) => await Send(path, "ping", TimeSpan.FromSeconds(2)) is not null;

    /// <summary><c>cluster restart &lt;member&gt;</c>.</summary>
    public static Command RestartCommand(Func<SiloSettings> settings)
    {
        var member = new Argument<string>("member") { Description = "The member's name as the cluster printed it (silo-2, gateway-1)" };
        var restart = new Command("restart", "Restart one member of the running `cluster` (same ports, command line and secrets); works for a member that was killed.") { member };
        restart.SetAction(async (parse, ct) =>
        {
            var path = SocketPath(settings());
            var answer = await Send(path, $"restart {parse.GetValue(member)}", TimeSpan.FromSeconds(180));
            if (answer is null)
            {
                Console.Error.WriteLine($"No running cluster answers on {path} (same Orleans__ClusterId and LocalPostgres__DataDirectory as the cluster?).");
                return 1;
            }
            Console.WriteLine(answer);
            return answer.StartsWith("restarted", StringComparison.Ordinal) ? 0 : 1;
        });
        return restart;
    }
}
