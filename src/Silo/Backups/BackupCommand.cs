using System.CommandLine;
using MicroEvents.Silo.Analysts;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Backups;

/// <summary>
/// <c>backup --to DIR</c>: a base backup (pg_basebackup) into DIR, then the WAL archive (pg_receivewal on a
/// replication slot, so no segment is missed while it runs) until Ctrl-C; <c>--base-only</c> stops after the base backup.
/// </summary>
public static class BackupCommand
{
    public static Command Create(Option<string?> connection, VerbRunner run)
    {
        var to = new Option<string>("--to") { Description = "The backup folder (base-<time>/ folders and wal/)", Required = true };
        var baseOnly = new Option<bool>("--base-only") { Description = "Only the base backup (e.g. nightly from cron while another `backup` keeps archiving WAL)" };
        var command = new Command("backup",
            "Back up the database: a base backup into the folder, then stream its WAL into <folder>/wal until Ctrl-C, " +
            "so `restore` can reach any moment since the base backup.") { to, baseOnly, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (settings, log, ct) =>
        {
            var folder = new BackupFolder(Path.GetFullPath(parse.GetValue(to)!));
            await using var storage = await Storage.Resolve(settings, log, ct);
            var environment = ClientEnvironment.From(storage.ConnectionString);
            Directory.CreateDirectory(folder.Wal);

            // The slot first: the server keeps every WAL segment from here on until the archive has it.
            await ClientTool.Run("pg_receivewal", ["--create-slot", "--if-not-exists", "--slot", BackupFolder.Slot], environment, ct);
            var started = DateTimeOffset.UtcNow;
            var target = folder.NewBase(started);
            await ClientTool.Run("pg_basebackup", ["-D", target, "-X", "stream", "-c", "fast", "--no-password"], environment, ct);
            Console.WriteLine($"Base backup in {target} (started {started:O}).");
            if (parse.GetValue(baseOnly)) return 0;
            return await Archive(folder, environment, ct);
        }));
        return command;
    }

    private static async Task<int> Archive(BackupFolder folder, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        // --synchronous: each piece of WAL is flushed to the archive as it arrives, not at the end of a segment.
        using var receiver = ClientTool.Start("pg_receivewal",
            ["-D", folder.Wal, "--slot", BackupFolder.Slot, "--synchronous", "--no-password", "--verbose"], environment);
        receiver.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"pg_receivewal: {e.Data}"); };
        receiver.BeginErrorReadLine();
        Console.WriteLine($"Archiving WAL to {folder.Wal} (Ctrl-C stops; a restore reaches any moment up to the last WAL received).");
        try
        {
            await receiver.WaitForExitAsync(ct);
            Console.Error.WriteLine($"pg_receivewal stopped (exit {receiver.ExitCode}).");
            return 1;
        }
        catch (OperationCanceledException)
        {
            // SIGINT lets pg_receivewal flush what it holds and exit cleanly.
            Posix.Interrupt(receiver.Id);
            await receiver.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Console.WriteLine("WAL archiving stopped.");
            return 0;
        }
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        public static void Interrupt(int pid) => kill(pid, 2);
    }
}
