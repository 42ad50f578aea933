using System.Net;
using System.Net.Sockets;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Clustering;

/// <summary>
/// The <c>cluster</c> verb: N silo processes and M gateway processes on this machine against one
/// PostgreSQL, each on its own ports. The silos find each other, and the gateways find the silos,
/// in the membership table; nothing lists addresses by hand.
/// </summary>
public sealed class LocalCluster(SiloSettings settings, string connectionString, ILogger log)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopGrace = SiloHost.ShutdownTimeout;

    public async Task<int> Run(int silos, int gateways, int firstHttpPort, CancellationToken ct)
    {
        if (silos < 1 || gateways < 0) throw new InvalidOperationException("A cluster needs at least one silo and zero or more gateways.");

        var ports = new PortPicker();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Journal__Schema"] = settings.Schema,
            ["Orleans__ClusterId"] = settings.ClusterId,
            ["Orleans__ServiceId"] = settings.ServiceId,
        };
        // Every member reads the same secrets file (kept between runs: the local one lives beside the data
        // folder); secrets set in the environment reach them by inheritance and override the file, as for us.
        if (settings.SecretsFile is not null) environment["Secrets__File"] = settings.SecretsFile;
        // Five processes logging every request would bury what matters; a configured level still wins.
        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore") is null)
            environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        var members = new List<ClusterMember>();
        var output = Console.Out;
        try
        {
            var http = firstHttpPort;
            for (var g = 1; g <= gateways; g++)
            {
                var port = ports.Next(ref http);
                members.Add(StartGateway($"gateway-{g}", port, environment, output));
            }
            for (var s = 1; s <= silos; s++)
            {
                var port = ports.Next(ref http);
                var siloPort = settings.SiloPort + s - 1;
                var clientPort = settings.GatewayPort + s - 1;
                members.Add(StartSilo($"silo-{s}", port, ports.Next(ref siloPort), ports.Next(ref clientPort), environment, output));
                // The first silo creates the cluster's membership version row; the others join it.
                if (s == 1) await WaitReady(members[^1], ct);
            }

            await Task.WhenAll(members.Select(m => WaitReady(m, ct)));
            var control = ClusterControl.SocketPath(settings);
            lock (output)
            {
                output.WriteLine($"MicroEvents cluster '{settings.ClusterId}' is up: {silos} silo(s), {gateways} gateway(s), schema {settings.Schema}. Ctrl-C stops all.");
                foreach (var m in members)
                    output.WriteLine($"  {m.Name,-10} {m.Url}  (API docs {m.Url}/scalar, pid {m.ProcessId})");
                output.WriteLine($"Secrets: {settings.SecretsFile ?? "from the environment"}. Restart a member: dotnet run --project src/Silo -- cluster restart <name>");
            }

            foreach (var m in members) WatchExit(m, ct);
            await ClusterControl.Serve(control, (request, token) => Handle(request, members, output, token), log, ct);
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            // All at once: the whole cluster is going, so there is nobody to hand actors to, and the
            // process must finish within the CLI's termination timeout (Program.cs).
            List<ClusterMember> all;
            lock (members) all = [.. members];
            await Task.WhenAll(all.Select(m => m.Stop(StopGrace)));
            foreach (var m in all) await m.DisposeAsync();
            log.LogInformation("Cluster stopped");
        }
    }

    private void WatchExit(ClusterMember m, CancellationToken ct) =>
        _ = m.WaitForExit(ct).ContinueWith(t => { if (t.IsCompletedSuccessfully && !m.Stopping) log.LogWarning("{Member} exited; the others keep running (cluster restart {Member} starts it again)", m.Name, m.Name); }, TaskScheduler.Default);

    /// <summary>One control request (<see cref="ClusterControl"/>): <c>restart &lt;member&gt;</c>, or <c>ping</c>.</summary>
    private async Task<string> Handle(string request, List<ClusterMember> members, TextWriter output, CancellationToken ct)
    {
        var words = request.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is ["ping"]) return "pong";
        if (words is not ["restart", var name]) return $"unknown request '{request}': expected restart <member>";

        ClusterMember old;
        lock (members)
        {
            var found = members.FirstOrDefault(m => m.Name == name);
            if (found is null) return $"no member {name}; members: {string.Join(", ", members.Select(m => m.Name))}";
            old = found;
        }
        await old.Stop(StopGrace);
        await old.DisposeAsync();
        var fresh = old.Restart(output);
        lock (members) members[members.IndexOf(old)] = fresh;
        await WaitReady(fresh, ct);
        WatchExit(fresh, ct);
        log.LogInformation("{Member} restarted (pid {Pid})", fresh.Name, fresh.ProcessId);
        return $"restarted {fresh.Name} at {fresh.Url} (pid {fresh.ProcessId})";
    }

    private ClusterMember StartSilo(string name, int http, int siloPort, int clientPort, Dictionary<string, string> environment, TextWriter output)
    {
        var url = $"http://127.0.0.1:{http}";
        var (file, prefix) = Self();
        return ClusterMember.Start(name, url, file,
            [.. prefix, "run", "--connection-string", connectionString, "--urls", url, "--silo-port", siloPort.ToString(), "--gateway-port", clientPort.ToString()],
            environment, output);
    }

    private static ClusterMember StartGateway(string name, int http, Dictionary<string, string> environment, TextWriter output)
    {
        var url = $"http://127.0.0.1:{http}";
        var gateway = Path.Combine(AppContext.BaseDirectory, "MicroEvents.Gateway.dll");
        if (!File.Exists(gateway)) throw new InvalidOperationException($"The gateway ({gateway}) is not beside the silo; build the solution first.");
        return ClusterMember.Start(name, url, DotnetHost(), [gateway, "--urls", url], environment, output);
    }

    /// <summary>This executable: the apphost when started as one, else <c>dotnet MicroEvents.Silo.dll</c>.</summary>
    private static (string File, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? (path, [typeof(LocalCluster).Assembly.Location])
            : (path, []);
    }

    private static string DotnetHost()
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    private static async Task WaitReady(ClusterMember member, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (member.HasExited) throw new InvalidOperationException($"{member.Name} exited while starting (see its [{member.Name}] lines above).");
            try
            {
                if ((await http.GetAsync($"{member.Url}/health/ready", ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"{member.Name} was not ready at {member.Url} within {StartTimeout.TotalSeconds:0}s.");
    }

    /// <summary>Ports from a base upwards, skipping ones already taken on this machine or by an earlier member.</summary>
    private sealed class PortPicker
    {
        private readonly HashSet<int> _taken = [];

        public int Next(ref int candidate)
        {
            while (_taken.Contains(candidate) || !Free(candidate)) candidate++;
            _taken.Add(candidate);
            return candidate++;
        }

        private static bool Free(int port)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
