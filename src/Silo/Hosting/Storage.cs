namespace MicroEvents.Silo.Hosting;

/// <summary>The PostgreSQL the silo uses: the configured one, or the one-command run's local cluster (<see cref="IStandIns"/>).</summary>
public sealed class Storage : IAsyncDisposable
{
    private readonly IAsyncDisposable? _local;

    private Storage(string connectionString, IAsyncDisposable? local)
    {
        ConnectionString = connectionString;
        _local = local;
    }

    public string ConnectionString { get; }

    /// <summary>True for the project-owned local PostgreSQL (development), false for a configured server.</summary>
    public bool IsLocal => _local is not null;

    public static async Task<Storage> Resolve(SiloSettings settings, ILogger log, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
            return new Storage(settings.ConnectionString, null);

        if (settings.StandIns is null)
            throw new InvalidOperationException("No ConnectionStrings:Postgres configured (set ConnectionStrings__Postgres to the PostgreSQL server).");
        var dir = settings.LocalDataDirectory ?? DefaultDataDirectory();
        log.LogInformation("No ConnectionStrings:Postgres configured; using a local PostgreSQL in {Directory}{Standby}", dir,
            settings.Standby ? " with a synchronous standby" : "");
        var local = await settings.StandIns.StartPostgres(dir, settings.Standby, log, ct);
        return new Storage(local.ConnectionString, local.Server);
    }

    /// <summary><c>.pgdata/dev</c> beside the solution (ignored by git), else under the user's data folder.</summary>
    public static string DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MicroEvents.Orleans.sln")))
                return Path.Combine(dir.FullName, ".pgdata", "dev");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "microevents", "pgdata");
    }

    public ValueTask DisposeAsync() => _local?.DisposeAsync() ?? ValueTask.CompletedTask;
}
