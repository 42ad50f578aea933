using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// A PostgreSQL of a fixture's own, in a fresh temp folder, that its tests may stop and start again; recorded as
/// owned by this run, and stopped and deleted with the fixture.
/// </summary>
public sealed class DisposablePostgres : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"microevents-outage-{Guid.NewGuid():N}");
    private LocalPostgres? _server;
    private OwnedProcess? _owned;

    public LocalPostgres Server => _server!;

    public bool Started => _server is not null;

    /// <summary>Starts it on first use; its connection string.</summary>
    public async Task<string> ConnectionString()
    {
        if (_server is null)
        {
            _server = await LocalPostgres.StartAsync(_dataDirectory);
            _owned = TestPostgres.Own(_server);
        }
        return _server.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _owned?.Stop();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
