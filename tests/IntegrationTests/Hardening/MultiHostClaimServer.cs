using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// The claims gateway on its own PostgreSQL, reached through a connection string naming two hosts with
/// <c>Target Session Attributes=read-write</c>, as members of a primary/standby pair are (here both name the one server).
/// </summary>
public sealed class MultiHostClaimServer : ClaimOutageServer
{
    protected override async Task<string> Postgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(await base.Postgres());
        builder.Host = $"{builder.Host}:{builder.Port},{builder.Host}:{builder.Port}";
        builder.TargetSessionAttributes = "read-write";
        builder.HostRecheckSeconds = 1;
        return builder.ConnectionString;
    }
}
