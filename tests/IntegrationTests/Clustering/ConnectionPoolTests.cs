using MicroEvents.Gateway.Cluster;

namespace MicroEvents.IntegrationTests.Clustering;

/// <summary>The pool rule: silos × (journal + commits + Orleans) + gateways × gateway + headroom within max_connections − reserved.</summary>
public class ConnectionPoolTests
{
    private const int MaxConnections = 300, Reserved = 3; // the project-owned server (LocalPostgres) and PostgreSQL's default reserve

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)] // `cluster` defaults
    [InlineData(4, 1)] // the fail-over tests: 3 silos, a replacement, 1 gateway
    [InlineData(5, 2)]
    public void the_documented_cluster_sizes_fit_the_project_owned_server_at_the_default_pools(int silos, int gateways) =>
        ConnectionPools.Problem(silos, gateways, ConnectionPools.JournalDefault, ConnectionPools.OrleansDefault, ConnectionPools.GatewayDefault, MaxConnections, Reserved)
            .Should().BeNull();

    [Fact]
    public void the_old_pools_of_100_did_not_fit_three_silos_and_the_check_names_the_numbers() =>
        ConnectionPools.Problem(3, 2, 100, 100, 100, MaxConnections, Reserved).Should()
            .Be("3 silo(s) × (journal pool 100 + journal commits 2 + Orleans pool 100) + 2 gateway(s) × 100 + 30 for admin and CLI = 836 connections, but the server accepts 297 " +
                "(max_connections 300 − superuser_reserved_connections 3). Run fewer silos, lower Journal__MaxPoolSize / Orleans__MaxPoolSize, or raise max_connections.");

    [Fact]
    public void the_budget_counts_every_connection_the_journal_commits_on() =>
        ConnectionPools.JournalCommits.Should().Be(MicroEvents.EventSourcing.AppendQueue.MaxCommitsInFlight);
}
