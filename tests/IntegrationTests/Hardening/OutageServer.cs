using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>The gateway and a cluster on a PostgreSQL of their own, which a test may stop and start again.</summary>
public class OutageServer : GatewayServer
{
    private readonly DisposablePostgres _postgres = new();

    public LocalPostgres Database => _postgres.Server;

    protected override Task<string> Postgres() => _postgres.ConnectionString();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
