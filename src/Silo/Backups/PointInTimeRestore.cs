using System.Globalization;
using System.Text.RegularExpressions;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.Silo.Backups;

/// <summary>
/// Restores a <see cref="BackupFolder"/> into a fresh data folder: the newest base backup that started before
/// the target time, the archived WAL after it, and PostgreSQL's own recovery up to that time (every
/// transaction committed before it, none after), then promotes it and stops it, ready for <c>run</c>.
/// </summary>
public sealed partial class PointInTimeRestore(BackupFolder folder, ILogger log)
{
    public async Task<string> Run(string dataDirectory, DateTimeOffset? until, CancellationToken ct)
    {
        var candidates = folder.Bases().Where(b => until is null || b.Started < until).ToList();
        if (candidates.Count == 0)
            throw new InvalidOperationException(until is null
                ? $"No complete base backup in {folder.Root}."
                : $"No complete base backup in {folder.Root} started before {until:O}.");
        var (basePath, started) = candidates[^1];

        var target = await LocalPostgres.ResolveDataDirectoryAsync(dataDirectory, log, ct);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new InvalidOperationException($"{target} is not empty: restore into a fresh folder.");

        log.LogInformation("Restoring base backup {Base} into {Target}", basePath, target);
        Copy(basePath, target);
        var segments = CopyArchivedWal(basePath, target);
        await File.AppendAllLinesAsync(Path.Combine(target, "postgresql.auto.conf"), RecoverySettings(until), ct);
        await File.WriteAllTextAsync(Path.Combine(target, "recovery.signal"), "", ct);
        if (LocalPostgres.RunsAsSystemUser)
            await LocalPostgres.RunCheckedAsync("chown", ["-R", $"{LocalPostgres.SystemUser}:{LocalPostgres.SystemUser}", target], false, ct);

        // PostgreSQL replays the WAL up to the target, promotes itself, and is then stopped cleanly.
        await using (var server = await LocalPostgres.StartAsync(target, log, ct))
        {
            await WaitUntilPromoted(server.ConnectionString, ct);
        }
        // Recovery is over; the settings would only confuse a later reader of the file.
        var autoConf = Path.Combine(target, "postgresql.auto.conf");
        await File.WriteAllLinesAsync(autoConf, (await File.ReadAllLinesAsync(autoConf, ct)).Where(l => !RecoverySetting().IsMatch(l)), ct);
        return $"Restored {Path.GetFileName(basePath)} (started {started:O}) and {segments} archived WAL segment(s) " +
               (until is null ? "to the end of the archive" : $"up to {until:O}") + $" into {target}.";
    }

    private static IEnumerable<string> RecoverySettings(DateTimeOffset? until)
    {
        // The archived segments are copied into pg_wal beforehand; recovery needs a restore_command, which has nothing more to give.
        yield return "restore_command = '/bin/false'";
        if (until is not { } time) yield break;
        yield return $"recovery_target_time = '{time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'";
        yield return "recovery_target_inclusive = false";
        yield return "recovery_target_action = 'promote'";
    }

    /// <summary>Segments from the base backup's start on; the one pg_receivewal was still writing is <c>.partial</c>.</summary>
    private int CopyArchivedWal(string basePath, string target)
    {
        if (!Directory.Exists(folder.Wal)) return 0;
        var label = File.ReadAllText(Path.Combine(basePath, "backup_label"));
        var first = StartWalFile().Match(label) is { Success: true } m ? m.Groups[1].Value : "";
        var copied = 0;
        foreach (var file in Directory.GetFiles(folder.Wal).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var segment = name.EndsWith(".partial", StringComparison.Ordinal) ? name[..^".partial".Length] : name;
            if (!WalSegment().IsMatch(segment) || string.CompareOrdinal(segment[8..], first.Length == 24 ? first[8..] : "") < 0) continue;
            var destination = Path.Combine(target, "pg_wal", segment);
            if (segment != name && File.Exists(Path.Combine(folder.Wal, segment))) continue;
            File.Copy(file, destination, overwrite: true);
            copied++;
        }
        return copied;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task WaitUntilPromoted(string connectionString, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        while (true)
        {
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
                if (!(bool)(await command.ExecuteScalarAsync(timeout.Token))!) return;
            }
            await Task.Delay(200, timeout.Token);
        }
    }

    [GeneratedRegex(@"START WAL LOCATION: .*\(file ([0-9A-F]{24})\)")]
    private static partial Regex StartWalFile();

    [GeneratedRegex("^[0-9A-F]{24}$")]
    private static partial Regex WalSegment();

    [GeneratedRegex(@"^\s*(restore_command|recovery_target_\w+)\s*=")]
    private static partial Regex RecoverySetting();
}
