using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>
/// Every process a test run starts (its PostgreSQL, silo and gateway processes) is recorded in one known
/// folder, <c>{temp}/microevents-test-owned/</c>, with the run that owns it: pid and start time of both, so a
/// reused pid is never mistaken for them. Three things end it, whatever happens to the run:
/// <list type="bullet">
/// <item>the run's own clean-up (<see cref="OwnedProcess.Stop"/>, <see cref="OwnedProcess.Release"/>);</item>
/// <item>a small watcher (<c>sh</c>, in its own session) that waits for the owner to die, even by SIGKILL, then stops what it owned;</item>
/// <item>the next run, which at start stops what dead runs still own (<see cref="StopLeftovers"/>), should the watcher have died too.</item>
/// </list>
/// Only recorded processes whose owner is dead are ever stopped: a developer's <c>dotnet run</c> PostgreSQL has
/// no record, and concurrent runs from other worktrees own theirs. A shared server (two runs reusing one data
/// folder) names its folder as <c>SHARED_KEY</c> and is stopped only when no live owner names it.
/// </summary>
public static class OwnedProcesses
{
    public static string Folder { get; } = Path.Combine(Path.GetTempPath(), "microevents-test-owned");

    private const string Extension = ".owned";

    /// <summary>Records that this run (or <paramref name="owner"/>) owns <paramref name="pid"/>, and watches the owner unless told not to.</summary>
    /// <param name="stopSignal">How to ask it to stop: <c>INT</c> is PostgreSQL's fast shutdown, <c>TERM</c> a service's graceful one.</param>
    public static OwnedProcess Own(int pid, string description, string stopSignal = "TERM", string? sharedKey = null, int? owner = null, bool watch = true)
    {
        Directory.CreateDirectory(Folder);
        var ownerPid = owner ?? Environment.ProcessId;
        var record = new OwnedRecord(ownerPid, StartTime(ownerPid) ?? "", pid, StartTime(pid) ?? "", stopSignal, sharedKey ?? "", description);
        var path = Path.Combine(Folder, $"{ownerPid}-{pid}-{Guid.NewGuid():N}"[..40] + Extension);
        File.WriteAllText(path, record.ToShell());
        if (watch) Watch(path);
        return new OwnedProcess(path, record);
    }

    /// <summary>
    /// What a run does first: stops every recorded process whose owner is dead (and that no live owner
    /// shares), and forgets their records. Returns what it stopped, for the run's log.
    /// </summary>
    public static IReadOnlyList<string> StopLeftovers()
    {
        if (!Directory.Exists(Folder)) return [];
        using var _ = Lock();
        var stopped = new List<string>();
        var records = Records();
        foreach (var (path, record) in records.Where(r => !IsAlive(r.Record.OwnerPid, r.Record.OwnerStart)))
        {
            // Stopped before forgotten, as in Stop: a sweep killed half-way leaves the record for the next one.
            if (!IsShared(record, records) && StopTarget(record))
                stopped.Add($"{record.Description} (pid {record.Pid}, owner pid {record.OwnerPid} is gone)");
            File.Delete(path);
        }
        return stopped;
    }

    /// <summary>
    /// Stops the process, then forgets its record, in that order. The run's last stop happens in its
    /// <c>ProcessExit</c>, and vstest kills the test host (SIGKILL) 100 ms after the last test whatever it is
    /// doing: forgetting first once left a PostgreSQL running that neither the watcher (it saw the record gone)
    /// nor the next run's sweep (nothing to find) would ever stop. Killed at any point now, the record is still
    /// there for them.
    /// </summary>
    internal static void Stop(string path, OwnedRecord record)
    {
        using var _ = Lock();
        if (!File.Exists(path)) return;
        if (!IsShared(record, Records().Where(r => r.Path != path))) StopTarget(record);
        PauseBeforeForgetting();
        File.Delete(path);
    }

    /// <summary>
    /// Names a pause between stopping a process and forgetting its record, in milliseconds: the widest possible
    /// window for a kill in the middle of <see cref="Stop"/>, which the clean-up test opens on purpose in a child run.
    /// </summary>
    public const string PauseVariable = "MICROEVENTS_TEST_STOP_PAUSE_MS";

    private static void PauseBeforeForgetting()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(PauseVariable), out var ms) && ms > 0) Thread.Sleep(ms);
    }

    internal static void Release(string path)
    {
        using var _ = Lock();
        File.Delete(path);
    }

    /// <summary>The process's start time since boot (<c>/proc/{pid}/stat</c> field 22), or null when it is not running.</summary>
    public static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // A zombie has ended; only its exit status waits to be collected.
            return fields.Length > 19 && fields[0] != "Z" ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    public static bool IsAlive(int pid, string start) => start.Length > 0 && StartTime(pid) == start;

    private static bool IsShared(OwnedRecord record, IEnumerable<(string Path, OwnedRecord Record)> records) =>
        record.SharedKey.Length > 0 && records.Any(r => r.Record.SharedKey == record.SharedKey && IsAlive(r.Record.OwnerPid, r.Record.OwnerStart));

    private static bool StopTarget(OwnedRecord record)
    {
        if (!IsAlive(record.Pid, record.Start)) return false;
        Posix.kill(record.Pid, record.StopSignal == "INT" ? Posix.SIGINT : Posix.SIGTERM);
        var clock = Stopwatch.StartNew();
        while (IsAlive(record.Pid, record.Start) && clock.Elapsed < TimeSpan.FromSeconds(45)) Thread.Sleep(100);
        if (IsAlive(record.Pid, record.Start)) Posix.kill(record.Pid, Posix.SIGKILL);
        return true;
    }

    private static List<(string Path, OwnedRecord Record)> Records() =>
        Directory.EnumerateFiles(Folder, "*" + Extension)
            .Select(p => (Path: p, Record: OwnedRecord.Read(p)))
            .Where(r => r.Record is not null)
            .Select(r => (r.Path, r.Record!))
            .ToList();

    /// <summary>The folder's lock: an exclusive <c>flock</c>, the same one the watchers take with <c>flock(1)</c>.</summary>
    private static FileStream Lock()
    {
        Directory.CreateDirectory(Folder);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try { return new FileStream(Path.Combine(Folder, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(2)) { Thread.Sleep(100); }
        }
    }

    /// <summary>
    /// The watcher: <c>sh</c> in a session of its own (so Ctrl-C or a killed process group does not take it
    /// along), polling once a second whether the owner still runs. Its stop rules are the same as
    /// <see cref="StopLeftovers"/>'s.
    /// </summary>
    private static void Watch(string record)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            record="$1"; dir=$(dirname "$record")
            alive() { s=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null | cut -d' ' -f1,20); [ -n "$1" ] && [ -n "$2" ] && [ "${s%% *}" != Z ] && [ "${s#* }" = "$2" ]; }
            . "$record" || exit 0
            while [ -e "$record" ] && alive "$OWNER_PID" "$OWNER_START"; do sleep 1; done
            exec 9>>"$dir/.lock"; flock 9
            [ -e "$record" ] || exit 0
            mine="$SHARED_KEY"
            if [ -n "$mine" ]; then
              for other in "$dir"/*.owned; do
                [ -e "$other" ] && [ "$other" != "$record" ] || continue
                ( . "$other"; [ "$SHARED_KEY" = "$mine" ] && alive "$OWNER_PID" "$OWNER_START" ) && { rm -f "$record"; exit 0; }
              done
            fi
            if alive "$PID" "$START"; then
              kill -s "$STOP_SIGNAL" "$PID"
              i=0; while alive "$PID" "$START" && [ $i -lt 450 ]; do sleep 0.1; i=$((i+1)); done
              alive "$PID" "$START" && kill -s KILL "$PID"
            fi
            # Forgotten only once stopped: a watcher killed before this leaves the record to the next run's sweep.
            rm -f "$record"
            exit 0
            """;
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (start.FileName != "/bin/sh") start.ArgumentList.Add("/bin/sh");
        foreach (var arg in new[] { "-c", script, "microevents-watch", record }) start.ArgumentList.Add(arg);
        using var watcher = Process.Start(start);
    }

    private static class Posix
    {
        public const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15;

        [DllImport("libc", SetLastError = true)]
        public static extern int kill(int pid, int sig);
    }
}

/// <summary>One recorded process; dispose-free on purpose: a run that dies leaves the record for its watcher and the next run.</summary>
public sealed class OwnedProcess
{
    private readonly string _path;

    internal OwnedProcess(string path, OwnedRecord record) => (_path, Record) = (path, record);

    public OwnedRecord Record { get; }

    /// <summary>Stops it now (unless another live run shares it) and forgets the record.</summary>
    public void Stop() => OwnedProcesses.Stop(_path, Record);

    /// <summary>Forgets the record: the process has ended, or someone else stops it.</summary>
    public void Release() => OwnedProcesses.Release(_path);
}

/// <summary>A record as written: shell assignments the watcher sources, one per line, values single-quoted.</summary>
public sealed record OwnedRecord(int OwnerPid, string OwnerStart, int Pid, string Start, string StopSignal, string SharedKey, string Description)
{
    public string ToShell() =>
        $"OWNER_PID={Quote(OwnerPid.ToString())}\nOWNER_START={Quote(OwnerStart)}\nPID={Quote(Pid.ToString())}\nSTART={Quote(Start)}\n" +
        $"STOP_SIGNAL={Quote(StopSignal)}\nSHARED_KEY={Quote(SharedKey)}\nDESCRIPTION={Quote(Description)}\n";

    public static OwnedRecord? Read(string path)
    {
        try
        {
            var values = File.ReadAllLines(path).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => Unquote(p[1]));
            return new OwnedRecord(int.Parse(values["OWNER_PID"]), values["OWNER_START"], int.Parse(values["PID"]), values["START"],
                values["STOP_SIGNAL"], values["SHARED_KEY"], values["DESCRIPTION"]);
        }
        catch (Exception e) when (e is IOException or KeyNotFoundException or FormatException) { return null; }
    }

    // Single quotes keep everything literal in sh; a quote inside becomes '\''.
    private static string Quote(string value) => "'" + value.Replace("\n", " ").Replace("'", "'\\''") + "'";

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("'\\''", "'") : value;
}
