using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>The claims gateway on a PostgreSQL of its own, which a test may stop and start again.</summary>
public class ClaimOutageServer : ClaimServer
{
    private readonly DisposablePostgres _postgres = new();

    public LocalPostgres Database => _postgres.Server;

    protected override Task<string> Postgres() => _postgres.ConnectionString();

    public override async Task DisposeAsync()
    {
        try
        {
            // Connections pooled before the restart were ended by it: clean up over fresh ones.
            if (_postgres.Started) NpgsqlConnection.ClearPool(new NpgsqlConnection(_postgres.Server.ConnectionString));
            await base.DisposeAsync();
        }
        finally
        {
            // Whatever the cleanup met, the server this fixture started is stopped.
            await _postgres.DisposeAsync();
        }
    }
}
