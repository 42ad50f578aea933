using System.Diagnostics;
using MicroEvents.LocalStandIns.Postgres;

namespace MicroEvents.Silo.Backups;

/// <summary>Runs one of PostgreSQL's client tools (pg_basebackup, pg_receivewal) as this user, with a libpq environment.</summary>
public static class ClientTool
{
    public static Process Start(string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Path.Combine(LocalPostgres.BinDir, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {tool}");
    }

    /// <summary>Runs to the end; a failure throws with the tool's own words.</summary>
    public static async Task Run(string tool, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        using var process = Start(tool, args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit {process.ExitCode}): {(await stdout + await stderr).Trim()}");
    }
}
