using System.Globalization;
using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// CPU time of processes read from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime, in USER_HZ ticks = 1/100 s on
/// Linux): the harness process itself, its child processes (anvil, …), and every PostgreSQL process (the
/// postmaster, its live children, and the children it already reaped, via cutime + cstime).
/// Elsewhere than Linux, or for a PostgreSQL on another host, the part it cannot read is null.
/// </summary>
public sealed class ProcessCpu(int? postmaster)
{
    private const double TicksPerSecond = 100;

    /// <summary>Finds the postmaster as the parent of one of this run's backends, if it runs on this machine.</summary>
    public static async Task<ProcessCpu> For(string connectionString, CancellationToken ct)
    {
        int? postmaster = null;
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("select pg_backend_pid()", conn);
            var backend = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
            // A pid on another host would name some unrelated local process: only trust it if it is a postgres one.
            if (Stat(backend) is { } stat && stat.Command.StartsWith("postgres", StringComparison.Ordinal) && Stat(stat.Parent) is { } parent &&
                parent.Command.StartsWith("postgres", StringComparison.Ordinal))
                postmaster = stat.Parent;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or FormatException)
        {
        }
        return new ProcessCpu(postmaster);
    }

    public CpuSample Sample()
    {
        var self = Environment.ProcessId;
        var all = AllStats();
        double Own(int pid) => all.TryGetValue(pid, out var s) ? (s.UserTicks + s.SystemTicks) / TicksPerSecond : 0;
        double? Tree(int root, bool withReaped)
        {
            if (!all.TryGetValue(root, out var r)) return null;
            var sum = Own(root) + (withReaped ? (r.ChildUserTicks + r.ChildSystemTicks) / TicksPerSecond : 0);
            foreach (var (pid, s) in all)
                if (s.Parent == root) sum += Own(pid) + (s.ChildUserTicks + s.ChildSystemTicks) / TicksPerSecond;
            return sum;
        }

        var harness = all.ContainsKey(self) ? Own(self) : System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var children = Tree(self, withReaped: false) is { } tree ? tree - Own(self) : (double?)null;
        var postgres = postmaster is { } p ? Tree(p, withReaped: true) : null;
        return new CpuSample(harness, children, postgres);
    }

    private static Dictionary<int, ProcStat> AllStats()
    {
        var result = new Dictionary<int, ProcStat>();
        if (!Directory.Exists("/proc")) return result;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
                result[pid] = stat;
        return result;
    }

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
            var open = text.IndexOf('(');
            var close = text.LastIndexOf(')');
            var fields = text[(close + 2)..].Split(' ');
            long F(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture); // n = the field's number in proc(5)
            return new ProcStat(text[(open + 1)..close], (int)F(4), F(14), F(15), F(16), F(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private sealed record ProcStat(string Command, int Parent, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
}

/// <summary>CPU seconds used so far: this process, its child processes, all PostgreSQL processes (null where unreadable).</summary>
public sealed record CpuSample(double Harness, double? Children, double? Postgres)
{
    public CpuPerClaim Per(CpuSample later, long claims)
    {
        double? Us(double? a, double? b) => a is { } x && b is { } y && claims > 0 ? Math.Round((y - x) / claims * 1e6, 1) : null;
        return new CpuPerClaim(claims, Us(Harness, later.Harness) ?? 0, Us(Children, later.Children), Us(Postgres, later.Postgres),
            Math.Round(later.Harness - Harness, 2), later.Postgres is { } lp && Postgres is { } p ? Math.Round(lp - p, 2) : null);
    }
}

/// <summary>CPU µs per acknowledged claim over one measured window, per process group.</summary>
public sealed record CpuPerClaim(long Claims, double HarnessUs, double? ChildProcessesUs, double? PostgresUs, double HarnessSeconds, double? PostgresSeconds)
{
    public const string Definition = "CPU (utime + stime from /proc/<pid>/stat) over the measured window ÷ claims acknowledged in it, in µs: " +
        "harness = this process (in-process silo and gateway AND the load client, which share it); child processes = processes the harness started (the local anvil); " +
        "postgres = the postmaster, every live child and the children it reaped (cutime + cstime); null when not readable (PostgreSQL on another host, not Linux)";
}
