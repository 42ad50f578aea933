namespace MicroEvents.Silo.Hosting;

/// <summary>
/// What the one-command run starts in place of what production configures: a PostgreSQL, an EVM node, an SMTP
/// server, a fulfilment partner. Hosting knows only this shape; <c>src/LocalStandIns</c> implements it and the
/// composition root (<c>Program.cs</c>) hands it over in <see cref="SiloSettings.StandIns"/>. Without it
/// (production), nothing is started in place of a missing setting, and a missing database is an error.
/// </summary>
public interface IStandIns
{
    /// <summary>
    /// A PostgreSQL of this checkout's own in <paramref name="dataDirectory"/>, with a synchronous standby when
    /// <paramref name="standby"/>; disposing it stops the servers started here.
    /// </summary>
    Task<LocalDatabase> StartPostgres(string dataDirectory, bool standby, ILogger log, CancellationToken ct);

    /// <summary>Starts what <paramref name="builder"/>'s configuration does not name and points the configuration at it.</summary>
    IStartedStandIns StartUnconfigured(WebApplicationBuilder builder, SiloSettings settings, ILogger log);
}

/// <summary>The stand-ins one silo started.</summary>
public interface IStartedStandIns
{
    /// <summary>Maps their development endpoints (<c>/dev/…</c>) and stops them when <paramref name="app"/> stops.</summary>
    void Attach(WebApplication app);
}

/// <summary>A local PostgreSQL: where to connect, and what stops it.</summary>
public sealed record LocalDatabase(string ConnectionString, IAsyncDisposable Server);
