using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>The claims gateway on a PostgreSQL of its own, which a test may stop and start again.</summary>
public class ClaimOutageServer : ClaimServer
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"microevents-outage-{Guid.NewGuid():N}");
    private LocalPostgres? _postgres;
    private OwnedProcess? _owned;

    public LocalPostgres Database => _postgres!;

    protected override async Task<string> Postgres()
    {
        if (_postgres is null)
        {
            _postgres = await LocalPostgres.StartAsync(_dataDirectory);
            _owned = TestPostgres.Own(_postgres);
        }
        return _postgres.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        try
        {
            // Connections pooled before the restart were ended by it: clean up over fresh ones.
            if (_postgres is not null) NpgsqlConnection.ClearPool(new NpgsqlConnection(_postgres.ConnectionString));
            await base.DisposeAsync();
        }
        finally
        {
            // Whatever the cleanup met, the server this fixture started is stopped.
            if (_postgres is not null) await _postgres.DisposeAsync();
            _owned?.Stop();
            try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
