using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroEvents.LocalStandIns.Postgres;

/// <summary>
/// A local primary and a synchronous streaming-replication standby (<c>--standby</c>): every commit, hence every
/// 2xx, is on the standby's disk before the primary answers, so losing the primary loses nothing acknowledged.
/// The standby lives in <c>&lt;primary folder&gt;-standby</c>; <c>db promote</c> (<c>pg_ctl promote</c>) makes it the primary.
/// Members get one connection string naming both servers with <c>Target Session Attributes=read-write</c>, so
/// every pool follows whichever of the two accepts writes.
/// </summary>
public sealed partial class LocalStandby : IAsyncDisposable
{
    public const string StandbyName = "microevents_standby";

    // The primary waits for this standby's flush on every commit. Only set on a primary that has its standby:
    // a primary waiting for a standby that never comes hangs every commit.
    private const string PrimarySettings = $"-c synchronous_standby_names={StandbyName} -c wal_keep_size=1GB";

    /// <summary>How soon a pool re-checks which server is the primary after it found none (Npgsql's default is 10 s).</summary>
    public const int HostRecheckSeconds = 1;

    private readonly LocalPostgres _primary;
    private readonly LocalPostgres _standby;

    private LocalStandby(LocalPostgres primary, LocalPostgres standby)
    {
        _primary = primary;
        _standby = standby;
        ConnectionString = BothHosts(primary, standby);
    }

    /// <summary>Both servers, the writable one chosen per connection.</summary>
    public string ConnectionString { get; }

    public LocalPostgres Primary => _primary;
    public LocalPostgres Standby => _standby;

    /// <summary>The standby's folder for a primary folder.</summary>
    public static string StandbyDirectory(string primaryDirectory) => Path.GetFullPath(primaryDirectory).TrimEnd('/') + "-standby";

    public static async Task<LocalStandby> StartAsync(string primaryDirectory, ILogger logger, CancellationToken ct = default)
    {
        var standbyDir = await LocalPostgres.ResolveDataDirectoryAsync(StandbyDirectory(primaryDirectory), logger, ct);
        var cloned = File.Exists(Path.Combine(standbyDir, "PG_VERSION"));
        if (cloned && !File.Exists(Path.Combine(standbyDir, "standby.signal")))
            throw new InvalidOperationException(
                $"The standby in {standbyDir} was promoted: it is the primary now, and {primaryDirectory} is behind it. " +
                $"Keep the promoted one: stop everything, move {primaryDirectory} away, move {standbyDir} to {primaryDirectory}, " +
                "then start with --standby again (a new standby is copied from it).");

        if (!cloned)
        {
            // First start: the primary alone (no synchronous standby yet, or its own set-up would wait forever), copied, stopped.
            await using var alone = await LocalPostgres.StartAsync(primaryDirectory, logger, ct);
            if (!alone.StartedByUs)
                throw new InvalidOperationException($"PostgreSQL on {alone.DataDirectory} is already running without a standby; stop it first (pg_ctl stop -D {alone.DataDirectory}).");
            await Clone(alone, standbyDir, logger, ct);
        }

        var primary = await LocalPostgres.StartAsync(primaryDirectory, logger, ct, PrimarySettings);
        try
        {
            if (await Setting(primary.ConnectionString, "synchronous_standby_names", ct) != StandbyName)
                throw new InvalidOperationException($"PostgreSQL on {primary.DataDirectory} is already running without a synchronous standby; stop it first (pg_ctl stop -D {primary.DataDirectory}).");
            PointAt(standbyDir, primary);
            var standby = await LocalPostgres.StartAsync(standbyDir, logger, ct);
            await WaitUntilSynchronous(primary.ConnectionString, ct);
            logger.LogInformation("Synchronous standby on {Standby} (port {Port}) follows the primary on {Primary} (port {PrimaryPort})",
                standby.DataDirectory, standby.Port, primary.DataDirectory, primary.Port);
            return new LocalStandby(primary, standby);
        }
        catch
        {
            await primary.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// <c>pg_ctl promote</c> on the standby of <paramref name="primaryDirectory"/>: it stops following, ends recovery
    /// and accepts writes; members' pools find it within <see cref="HostRecheckSeconds"/>.
    /// </summary>
    public static async Task Promote(string primaryDirectory, ILogger logger, CancellationToken ct = default)
    {
        var standbyDir = await LocalPostgres.ResolveDataDirectoryAsync(StandbyDirectory(primaryDirectory), logger, ct);
        if (!File.Exists(Path.Combine(standbyDir, "standby.signal")))
            throw new InvalidOperationException($"No standby to promote in {standbyDir} (none was made, or it was promoted already).");
        var (exit, output) = await LocalPostgres.RunAsync(Path.Combine(LocalPostgres.BinDir, "pg_ctl"),
            ["promote", "-w", "-t", "60", "-D", standbyDir], LocalPostgres.RunsAsSystemUser, ct);
        if (exit != 0) throw new InvalidOperationException($"pg_ctl promote failed (exit {exit}): {output}");
        logger.LogInformation("Promoted the standby in {Standby}: it is the primary now", standbyDir);
    }

    private static async Task Clone(LocalPostgres primary, string standbyDir, ILogger logger, CancellationToken ct)
    {
        logger.LogInformation("Copying the primary on {Primary} to a standby in {Standby} (pg_basebackup)", primary.DataDirectory, standbyDir);
        var password = PasswordAuth.Read(primary.DataDirectory);
        await LocalPostgres.RunCheckedAsync(Path.Combine(LocalPostgres.BinDir, "pg_basebackup"),
            ["-d", $"host=127.0.0.1 port={primary.Port} user={LocalPostgres.SystemUser} password={password}",
             "-D", standbyDir, "-R", "-X", "stream", "-c", "fast"],
            LocalPostgres.RunsAsSystemUser, ct);
    }

    /// <summary>The primary's port changes with every start: the standby's connection to it is rewritten before each.</summary>
    private static void PointAt(string standbyDir, LocalPostgres primary)
    {
        var autoConf = Path.Combine(standbyDir, "postgresql.auto.conf");
        var kept = File.ReadAllLines(autoConf).Where(l => !PrimaryConnInfo().IsMatch(l));
        // The password is hex and the application name is what synchronous_standby_names names.
        var connInfo = $"primary_conninfo = 'host=127.0.0.1 port={primary.Port} user={LocalPostgres.SystemUser} " +
                       $"password={PasswordAuth.Read(primary.DataDirectory)} application_name={StandbyName}'";
        File.WriteAllLines(autoConf, kept.Append(connInfo));
    }

    private static async Task WaitUntilSynchronous(string connectionString, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_replication WHERE application_name = @name AND sync_state = 'sync'", connection);
                command.Parameters.AddWithValue("name", StandbyName);
                if ((long)(await command.ExecuteScalarAsync(timeout.Token))! > 0) return;
            }
            try { await Task.Delay(200, timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException("The standby did not become the primary's synchronous standby within 60 s.");
            }
        }
    }

    private static async Task<string?> Setting(string connectionString, string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT current_setting(@name)", connection);
        command.Parameters.AddWithValue("name", name);
        return (string?)await command.ExecuteScalarAsync(ct);
    }

    private static string BothHosts(LocalPostgres primary, LocalPostgres standby) =>
        new NpgsqlConnectionStringBuilder(primary.ConnectionString)
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{standby.Port}",
            TargetSessionAttributes = "read-write",
            HostRecheckSeconds = HostRecheckSeconds,
        }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        // The primary first: a standby stopped first would leave the primary's last commits waiting for it.
        await _primary.DisposeAsync();
        await _standby.DisposeAsync();
    }

    [GeneratedRegex(@"^\s*primary_conninfo\s*=")]
    private static partial Regex PrimaryConnInfo();
}
