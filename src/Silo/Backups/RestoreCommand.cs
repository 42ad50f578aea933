using System.CommandLine;
using System.Globalization;
using MicroEvents.Silo.Hosting;

namespace MicroEvents.Silo.Backups;

/// <summary><c>restore --from DIR --to DATA [--until TIME]</c>: a point-in-time restore into a fresh data folder.</summary>
public static class RestoreCommand
{
    public static Command Create(Func<ILogger> logger)
    {
        var from = new Option<string>("--from") { Description = "The backup folder `backup --to` wrote", Required = true };
        var to = new Option<string>("--to") { Description = "A fresh (missing or empty) data folder for the restored PostgreSQL", Required = true };
        var until = new Option<string?>("--until") { Description = "Restore every transaction committed before this time (ISO 8601, e.g. 2026-12-05T18:30:00Z); default: all archived WAL" };
        var command = new Command("restore",
            "Restore a backup into a fresh data folder, to a point in time; then start a silo on it with LocalPostgres__DataDirectory=<folder>.") { from, to, until };
        command.SetAction(async (parse, ct) =>
        {
            var log = logger();
            DateTimeOffset? time = null;
            if (parse.GetValue(until) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    Console.Error.WriteLine($"Cannot restore: --until '{text}' is not a time (ISO 8601, e.g. 2026-12-05T18:30:00Z).");
                    return 2;
                }
                time = parsed;
            }
            try
            {
                var done = await new PointInTimeRestore(new BackupFolder(Path.GetFullPath(parse.GetValue(from)!)), log).Run(parse.GetValue(to)!, time, ct);
                Console.WriteLine(done);
                Console.WriteLine($"Start a silo on it: LocalPostgres__DataDirectory={Path.GetFullPath(parse.GetValue(to)!)} dotnet run --project src/Silo -- run");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or TimeoutException)
            {
                log.LogCritical("Cannot restore: {Message}", e.Message);
                return 1;
            }
        });
        return command;
    }
}
