using MicroEvents.Gateway.Cluster;
using MicroEvents.Silo.Hosting;
using Npgsql;

namespace MicroEvents.Silo.Clustering;

/// <summary>The <c>cluster</c> verb's start-up check that its processes' pools fit the server's max_connections.</summary>
public static class ClusterCapacity
{
    public static async Task Check(string connectionString, int silos, int gateways, SiloSettings settings, ILogger log, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (max, reserved) = (reader.GetInt32(0), reader.GetInt32(1));
        var gateway = Environment.GetEnvironmentVariable("Orleans__MaxPoolSize") is { } g && int.TryParse(g, out var n) ? n : ConnectionPools.GatewayDefault;
        var problem = ConnectionPools.Problem(silos, gateways, settings.JournalPoolSize, settings.OrleansPoolSize, gateway, max, reserved);
        if (problem is not null) throw new InvalidOperationException(problem);
        log.LogInformation("Connection pools: {Needed} of {Available} connections at most ({Silos} × ({Journal} + {Orleans}) + {Gateways} × {Gateway} + {Headroom} headroom)",
            ConnectionPools.Needed(silos, gateways, settings.JournalPoolSize, settings.OrleansPoolSize, gateway), max - reserved,
            silos, settings.JournalPoolSize, settings.OrleansPoolSize, gateways, gateway, ConnectionPools.AdminHeadroom);
    }
}
