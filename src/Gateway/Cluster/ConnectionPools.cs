using Npgsql;

namespace MicroEvents.Gateway.Cluster;

/// <summary>
/// Connection pool caps, chosen so the documented cluster sizes fit one PostgreSQL. Every silo process has
/// three Npgsql pools (the journal's, through Marten; the journal's commits, at most <see cref="JournalCommits"/>;
/// and Orleans' own for membership, reminders and grain state, on a different connection string); a gateway
/// process has one (the membership table). Pools open connections on demand, so a cap is the most a process
/// can hold, and the sum of the caps is what the server must be able to accept:
/// <code>silos × (journal + commits + orleans) + gateways × gateway + admin headroom ≤ max_connections − superuser_reserved_connections</code>
/// With the defaults 38 + 2 + 10 per silo, 5 per gateway and 30 for admin and CLI, the default
/// <c>cluster --silos 3 --gateways 2</c> needs 3 × 50 + 2 × 5 + 30 = 190 of the project-owned server's 297
/// (max_connections 300 − 3 reserved), and up to 5 silos with 2 gateways fit. 38 is far above what a silo
/// uses at once: appends of all its actors go through one group-commit loop (on the commit pool), and reads
/// (activations loading snapshots, feeds, projections) are short.
/// </summary>
public static class ConnectionPools
{
    public const int JournalDefault = 38;

    /// <summary>The journal's commit connections per silo: its commits in flight at most (the journal's <c>AppendQueue</c>).</summary>
    public const int JournalCommits = 2;
    public const int OrleansDefault = 10;
    public const int GatewayDefault = 5;

    /// <summary>Connections kept free for psql, CLI verbs (<c>keys</c>, <c>export</c>, <c>migrate</c>) and monitoring.</summary>
    public const int AdminHeadroom = 30;

    public static string Capped(string connectionString, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>Connections a cluster may hold at most, headroom included.</summary>
    public static int Needed(int silos, int gateways, int journal, int orleans, int gateway) =>
        silos * (journal + JournalCommits + orleans) + gateways * gateway + AdminHeadroom;

    /// <summary>Null when the cluster fits the server, else one sentence with the numbers.</summary>
    public static string? Problem(int silos, int gateways, int journal, int orleans, int gateway, int maxConnections, int reserved)
    {
        var needed = Needed(silos, gateways, journal, orleans, gateway);
        var available = maxConnections - reserved;
        return needed <= available ? null
            : $"{silos} silo(s) × (journal pool {journal} + journal commits {JournalCommits} + Orleans pool {orleans}) + {gateways} gateway(s) × {gateway} + {AdminHeadroom} for admin and CLI = {needed} connections, " +
              $"but the server accepts {available} (max_connections {maxConnections} − superuser_reserved_connections {reserved}). " +
              "Run fewer silos, lower Journal__MaxPoolSize / Orleans__MaxPoolSize, or raise max_connections.";
    }
}
