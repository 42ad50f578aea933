using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using MicroEvents.LocalStandIns.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MicroEvents.LocalStandIns.Postgres;

/// <summary>
/// A project-owned PostgreSQL 15 cluster run from the machine's binaries, so development and tests
/// need no Docker and no system-wide server. Reuses a server already running on the same data dir.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";
    public const string SystemUser = "postgres";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    // Tuned for a 2-core dev box. fsync stays on; wal_level=replica (not minimal) so a standby (LocalStandby) and
    // `backup` (BaseBackup) can stream from any local cluster: for row inserts the WAL is the same.
    private const string ServerSettings =
        "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' " +
        "-c shared_buffers=256MB -c max_connections=300 -c synchronous_commit=on " +
        "-c wal_level=replica -c max_wal_senders=10 -c max_wal_size=2GB -c checkpoint_timeout=15min";

    private readonly string _lockPath;
    private readonly bool _runAsSystemUser;
    private readonly ILogger _logger;
    private readonly string _extraSettings;
    private int _disposed;

    private LocalPostgres(string dataDirectory, string lockPath, int port, string password, bool startedByUs, bool runAsSystemUser, ILogger logger, string extraSettings = "")
    {
        _extraSettings = extraSettings;
        DataDirectory = dataDirectory;
        _lockPath = lockPath;
        Port = port;
        StartedByUs = startedByUs;
        _runAsSystemUser = runAsSystemUser;
        _logger = logger;
        ConnectionString = BuildConnectionString(port, password);
    }

    public string ConnectionString { get; }
    public int Port { get; }
    public bool StartedByUs { get; }

    /// <summary>The data directory actually used (differs from the requested one when running as root fell back to /tmp).</summary>
    public string DataDirectory { get; }

    /// <param name="extraSettings">More <c>-c name=value</c> server options (a primary's synchronous standby, a standby's name).</param>
    public static async Task<LocalPostgres> StartAsync(string dataDirectory, ILogger? logger = null, CancellationToken ct = default, string extraSettings = "")
    {
        logger ??= NullLogger.Instance;
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("LocalPostgres runs the Linux PostgreSQL 15 binaries; set ConnectionStrings:Postgres instead.");
        }

        if (!File.Exists(Path.Combine(BinDir, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 binaries not found in {BinDir}. Install them with: sudo apt-get install -y postgresql-15 " +
                "(or set ConnectionStrings:Postgres to an existing server).");
        }

        var requested = Path.GetFullPath(dataDirectory);
        var parent = Path.GetDirectoryName(requested) ?? throw new ArgumentException("Data directory must not be a filesystem root.", nameof(dataDirectory));
        Directory.CreateDirectory(parent);

        // Two test assemblies may start at the same moment; only one may initdb/start, the other then reuses.
        var lockPath = Path.Combine(parent, "." + Path.GetFileName(requested).TrimStart('.') + ".lock");
        await using var _ = await AcquireLockAsync(lockPath, ct);

        // initdb and postgres refuse to run as root, so as root everything runs as the 'postgres' system user.
        var asSystemUser = Environment.UserName == "root";
        var dataDir = asSystemUser ? await ResolveDataDirForSystemUserAsync(requested, logger, ct) : requested;

        var runningPort = await FindRunningServerPortAsync(dataDir, logger, ct);
        if (runningPort is int reusedPort)
        {
            logger.LogInformation("Reusing PostgreSQL already running on {DataDir} (port {Port})", dataDir, reusedPort);
            var reusedPassword = await PasswordAuth.Ensure(dataDir, reusedPort, BuildConnectionString(reusedPort, null), logger, ct);
            if (asSystemUser) await RunCheckedAsync("chown", [$"{SystemUser}:{SystemUser}", Path.Combine(dataDir, PasswordAuth.FileName)], false, ct);
            return new LocalPostgres(dataDir, lockPath, reusedPort, reusedPassword, startedByUs: false, asSystemUser, logger, extraSettings);
        }

        await InitIfNeededAsync(dataDir, asSystemUser, logger, ct);
        var port = await StartServerAsync(dataDir, asSystemUser, logger, ct, extraSettings);
        logger.LogInformation("Started PostgreSQL on {DataDir} (port {Port})", dataDir, port);
        var password = await PasswordAuth.Ensure(dataDir, port, BuildConnectionString(port, null), logger, ct);
        // The server's own user must be able to read every file in its folder, or pg_basebackup (standby, backup) fails on it.
        if (asSystemUser) await RunCheckedAsync("chown", [$"{SystemUser}:{SystemUser}", Path.Combine(dataDir, PasswordAuth.FileName)], false, ct);
        return new LocalPostgres(dataDir, lockPath, port, password, startedByUs: true, asSystemUser, logger, extraSettings);
    }

    /// <summary>Creates the database unless it exists; returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync(ct);

        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // CREATE DATABASE has no IF NOT EXISTS; a concurrent creator may still win the race.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", conn);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
            }
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (!StartedByUs || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            // Under the start lock, so a concurrent StartAsync can't decide to reuse a server we are stopping.
            await using var _ = await AcquireLockAsync(_lockPath, CancellationToken.None);

            // Another process (e.g. a second test assembly) may have reused our server; leave it running for them.
            if (await OtherClientsConnectedAsync())
            {
                _logger.LogInformation("Leaving PostgreSQL on {DataDir} running: other clients are connected", DataDirectory);
                return;
            }

            var (exit, output) = await RunAsync(Path.Combine(BinDir, "pg_ctl"),
                ["stop", "-m", "fast", "-w", "-t", "60", "-D", DataDirectory], _runAsSystemUser, CancellationToken.None);
            if (exit != 0)
            {
                _logger.LogWarning("pg_ctl stop failed ({Exit}): {Output}", exit, output);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Stopping PostgreSQL on {DataDir} failed", DataDirectory);
        }
    }

    /// <summary>Stops the server (fast shutdown: sessions are cut), keeping its data: an outage, for fault tests.</summary>
    public async Task StopServerAsync(CancellationToken ct = default)
    {
        var (exit, output) = await RunAsync(Path.Combine(BinDir, "pg_ctl"), ["stop", "-m", "fast", "-w", "-t", "60", "-D", DataDirectory], _runAsSystemUser, ct);
        if (exit != 0) throw new InvalidOperationException($"pg_ctl stop failed (exit {exit}): {output}");
    }

    /// <summary>Starts the server again on the same port after <see cref="StopServerAsync"/>, so clients reconnect unchanged.</summary>
    public async Task StartServerAgainAsync(CancellationToken ct = default)
    {
        var (exit, output) = await RunAsync(Path.Combine(BinDir, "pg_ctl"),
            ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", $"-c port={Port} {ServerSettings} {_extraSettings}"],
            _runAsSystemUser, ct);
        if (exit != 0 || !await WaitForConnectionAsync(ConnectionString, ct))
            throw new InvalidOperationException($"pg_ctl start failed (exit {exit}): {output}");
    }

    internal static string BuildConnectionString(int port, string? password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = SystemUser,
        Password = password,
        Database = "postgres",
        Pooling = true,
        MaxPoolSize = 100,
        Timeout = 15,
        // Lets DisposeAsync tell this process's sessions apart from other processes sharing the server.
        ApplicationName = $"microevents-{Environment.ProcessId}",
    }.ConnectionString;

    private async Task<bool> OtherClientsConnectedAsync()
    {
        var cs = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' " +
            "AND pid <> pg_backend_pid() AND application_name IS DISTINCT FROM @app", conn);
        cmd.Parameters.AddWithValue("app", $"microevents-{Environment.ProcessId}");
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    /// <summary>
    /// The data folder <see cref="StartAsync"/> would use for <paramref name="requested"/> (as root: one the
    /// postgres user can reach, made empty and owned by it if new), for tools that fill a folder first.
    /// </summary>
    public static async Task<string> ResolveDataDirectoryAsync(string requested, ILogger logger, CancellationToken ct)
    {
        var full = Path.GetFullPath(requested);
        // As in StartAsync: the parent first, or the postgres user's access check fails on a folder that does not exist yet.
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? throw new ArgumentException("Data directory must not be a filesystem root.", nameof(requested)));
        return OperatingSystem.IsWindows() || Environment.UserName != "root" ? full : await ResolveDataDirForSystemUserAsync(full, logger, ct);
    }

    /// <summary>True when PostgreSQL tools must run as the postgres system user (this process is root).</summary>
    public static bool RunsAsSystemUser => Environment.UserName == "root";

    [UnsupportedOSPlatform("windows")]
    private static async Task<string> ResolveDataDirForSystemUserAsync(string requested, ILogger logger, CancellationToken ct)
    {
        if ((await RunAsync("id", ["-u", SystemUser], false, ct)).ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Running as root, but there is no '{SystemUser}' system user to run PostgreSQL as " +
                "(it comes with the postgresql-15 package). Run as a normal user or install postgresql-15.");
        }

        var dataDir = requested;
        // The postgres user must be able to reach the data dir; a repo under /root (mode 700) is not reachable.
        var parent = Path.GetDirectoryName(requested)!;
        if ((await RunAsync("test", ["-x", parent], true, ct)).ExitCode != 0)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..12];
            var fallbackRoot = Path.Combine(Path.GetTempPath(), "microevents-pg");
            Directory.CreateDirectory(fallbackRoot,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            dataDir = Path.Combine(fallbackRoot, hash);
            logger.LogWarning(
                "The '{User}' user cannot access {Parent}; using PostgreSQL data directory {DataDir} instead of {Requested}",
                SystemUser, parent, dataDir, requested);
        }

        // The postgres user cannot create directories in a root-owned parent, so hand it an empty one.
        if (!File.Exists(Path.Combine(dataDir, "PG_VERSION")))
        {
            Directory.CreateDirectory(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await RunCheckedAsync("chown", ["-R", $"{SystemUser}:{SystemUser}", dataDir], false, ct);
        }

        return dataDir;
    }

    private static async Task<int?> FindRunningServerPortAsync(string dataDir, ILogger logger, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null; // Half-written by a server that is starting outside our lock; postgres sorts that out.
        }

        if (!IsPostgresProcess(pid))
        {
            // Stale file from a crash or reboot; the pid may even belong to an unrelated process now,
            // which would make postgres refuse to start, so remove it.
            logger.LogInformation("Removing stale postmaster.pid (pid {Pid} is not a running postgres)", pid);
            File.Delete(pidFile);
            return null;
        }

        if (await WaitForConnectionAsync(BuildConnectionString(port, PasswordAuth.Read(dataDir)), ct))
        {
            return port;
        }

        throw new InvalidOperationException(
            $"PostgreSQL (pid {pid}) is running on {dataDir} but does not accept connections on port {port}.\n{LogTail(dataDir)}");
    }

    private static bool IsPostgresProcess(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName is "postgres" or "postmaster";
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task InitIfNeededAsync(string dataDir, bool asSystemUser, ILogger logger, CancellationToken ct)
    {
        var versionFile = Path.Combine(dataDir, "PG_VERSION");
        if (File.Exists(versionFile))
        {
            var version = (await File.ReadAllTextAsync(versionFile, ct)).Trim();
            if (version != "15")
            {
                throw new InvalidOperationException(
                    $"{dataDir} holds a PostgreSQL {version} cluster, but PostgreSQL 15 is used. Delete the directory to recreate it.");
            }

            return;
        }

        logger.LogInformation("Initialising PostgreSQL data directory {DataDir}", dataDir);
        // TCP needs the generated password from the first start; initdb reads it from a file only the server's user can read.
        var password = PasswordAuth.NewPassword();
        var pwFile = Path.Combine(Path.GetTempPath(), $"microevents-pw-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllTextAsync(pwFile, password, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(pwFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (asSystemUser) await RunCheckedAsync("chown", [$"{SystemUser}:{SystemUser}", pwFile], false, ct);
            await RunCheckedAsync(Path.Combine(BinDir, "initdb"),
                ["-D", dataDir, "-U", SystemUser, "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={pwFile}", "-E", "UTF8", "--locale=C"],
                asSystemUser, ct);
        }
        finally
        {
            File.Delete(pwFile);
        }
        PasswordAuth.Save(dataDir, password);
    }

    private static async Task<int> StartServerAsync(string dataDir, bool asSystemUser, ILogger logger, CancellationToken ct, string extraSettings)
    {
        var logFile = Path.Combine(dataDir, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            // Another process can grab the port between probing and postgres binding it, hence the retry.
            var port = FreePort.Next();
            var logOffset = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
            var (exit, output) = await RunAsync(Path.Combine(BinDir, "pg_ctl"),
                ["start", "-w", "-t", "60", "-D", dataDir, "-l", logFile, "-o", $"-c port={port} {ServerSettings} {extraSettings}"],
                asSystemUser, ct);

            if (exit == 0)
            {
                if (await WaitForConnectionAsync(BuildConnectionString(port, PasswordAuth.Read(dataDir)), ct))
                {
                    return port;
                }

                throw new InvalidOperationException(
                    $"PostgreSQL started on {dataDir} but did not accept connections on port {port} within {ConnectTimeout.TotalSeconds}s.\n{LogTail(dataDir, logOffset)}");
            }

            if (attempt < 3 && ReadLogFrom(logFile, logOffset).Contains("Address already in use", StringComparison.Ordinal))
            {
                logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; retrying", port);
                continue;
            }

            throw new InvalidOperationException($"pg_ctl start failed (exit {exit}) for {dataDir}:\n{output}\n{LogTail(dataDir, logOffset)}");
        }
    }

    internal static async Task<bool> WaitForConnectionAsync(string connectionString, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync(ct);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && clock.Elapsed < ConnectTimeout)
            {
                await Task.Delay(250, ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return false;
            }
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix, which other processes' .NET code respects.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < LockTimeout)
            {
                await Task.Delay(100, ct);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Could not acquire {path} within {LockTimeout.TotalSeconds}s.", e);
            }
        }
    }

    public static async Task RunCheckedAsync(string file, string[] args, bool asSystemUser, CancellationToken ct)
    {
        var (exit, output) = await RunAsync(file, args, asSystemUser, ct);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed (exit {exit}):\n{output}");
        }
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, bool asSystemUser, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(asSystemUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // initdb fails when it cannot read its working directory, e.g. /root for the postgres user.
            WorkingDirectory = "/",
        };
        if (asSystemUser)
        {
            foreach (var a in (string[])["-u", SystemUser, "--", file])
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    private static string ReadLogFrom(string logFile, long offset)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string LogTail(string dataDir, long fromOffset = 0)
    {
        var logFile = Path.Combine(dataDir, "server.log");
        var lines = ReadLogFrom(logFile, fromOffset).TrimEnd().Split('\n');
        return $"Last lines of {logFile}:\n" + string.Join('\n', lines.TakeLast(30));
    }
}
