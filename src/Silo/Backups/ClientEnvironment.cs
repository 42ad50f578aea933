using Npgsql;

namespace MicroEvents.Silo.Backups;

/// <summary>
/// The libpq environment (<c>PGHOST</c>, <c>PGPORT</c>, …) for PostgreSQL's own client tools from the members'
/// Npgsql connection string, so <c>backup</c> reads the same server the members write, the password never on a command line.
/// </summary>
public static class ClientEnvironment
{
    public static Dictionary<string, string> From(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = (builder.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Npgsql takes "host:port" per host; libpq wants the hosts and ports as two parallel lists.
        var split = hosts.Select(h => h.LastIndexOf(':') is var i and > 0 && !h.Contains(']') && h.Count(c => c == ':') == 1
            ? (Host: h[..i], Port: h[(i + 1)..]) : (Host: h, Port: builder.Port.ToString())).ToList();
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = string.Join(',', split.Select(s => s.Host)),
            ["PGPORT"] = string.Join(',', split.Select(s => s.Port)),
            ["PGUSER"] = builder.Username ?? Environment.UserName,
            ["PGDATABASE"] = builder.Database ?? builder.Username ?? "postgres",
            ["PGCONNECT_TIMEOUT"] = "10",
        };
        if (!string.IsNullOrEmpty(builder.Password)) environment["PGPASSWORD"] = builder.Password;
        // With several hosts the tools follow the writable one, as the members do.
        if (split.Count > 1) environment["PGTARGETSESSIONATTRS"] = "read-write";
        return environment;
    }
}
