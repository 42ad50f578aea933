using System.CommandLine;
using MicroEvents.Silo.Hosting;
using MicroEvents.LocalStandIns.Postgres;

namespace MicroEvents.Silo.Backups;

/// <summary>
/// <c>db promote</c>: after the local primary is lost, its synchronous standby (<c>--standby</c>) becomes the
/// primary. On your own servers the same step is <c>pg_ctl promote -D &lt;standby data folder&gt;</c>.
/// </summary>
public static class DatabaseCommand
{
    public static Command Create(Func<SiloSettings> settings, Func<ILogger> logger)
    {
        var promote = new Command("promote",
            "Promote the local standby (started with --standby) to primary: run it once the primary is gone. " +
            "Members follow it by themselves (their connection string names both servers).");
        promote.SetAction(async (_, ct) =>
        {
            var log = logger();
            var primary = settings().LocalDataDirectory ?? Storage.DefaultDataDirectory();
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await LocalStandby.Promote(primary, log, ct);
                Console.WriteLine($"Promoted the standby of {primary} in {clock.Elapsed.TotalSeconds:0.0} s; it accepts writes now. " +
                                  $"The old primary is behind it: do not start it again as it is (docs/operations.md, \"After a fail-over\").");
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                log.LogCritical("Cannot promote: {Message}", e.Message);
                return 1;
            }
        });
        return new Command("db", "The local PostgreSQL pair of --standby.") { promote };
    }
}
