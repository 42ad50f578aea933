using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Postgres;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>The gateway and a cluster on a PostgreSQL of their own, which a test may stop and start again.</summary>
public class OutageServer : GatewayServer
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
        await base.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _owned?.Stop();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
