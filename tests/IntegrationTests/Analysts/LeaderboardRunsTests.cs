using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// The leaderboard stores a page's new wallets as one packed run per creator, not a row per wallet: under a hot drop nearly
/// every claim is a new wallet, and a row per wallet was the largest cost the readers put on PostgreSQL (issue #30).
/// </summary>
[Collection(ProjectionCollection.Name)]
public class LeaderboardRunsTests(ProjectionServer server)
{
    [Fact]
    public async Task three_hundred_new_wallets_are_counted_once_each_and_stored_in_a_few_rows()
    {
        await server.DaemonRunning();
        var creator = new CreatorWallet(server);
        var first = Samples.NewId("runs");
        var second = Samples.NewId("runs");
        var a = await server.Client.OpenDrop(Samples.Drop(first, 300) with { Creator = creator.Address });
        var b = await server.Client.OpenDrop(Samples.Drop(second, 300) with { Creator = creator.Address });

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => a.Claim(new ClaimToken($"a{i}", Samples.Wallet(i), null))));
        // Half of them again in the creator's other drop, in upper case: the same wallets.
        await Task.WhenAll(Enumerable.Range(0, 150).Select(i => b.Claim(new ClaimToken($"b{i}", Samples.Wallet(i).ToUpperInvariant().Replace("0X", "0x"), null))));
        await server.ReadersCaughtUp();

        var board = await server.Http.GetFromJson("/creators/leaderboard?limit=1000");
        var standing = board.GetProperty("creators").EnumerateArray().Single(c => c.GetProperty("creator").GetString() == creator.Address);
        standing.GetProperty("wallets").GetInt64().Should().Be(300);
        standing.GetProperty("tokens").GetInt64().Should().Be(450);

        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {server.Schema}.proj_creator_wallet_runs where creator = @c", connection);
        command.Parameters.AddWithValue("c", creator.Address);
        ((long)(await command.ExecuteScalarAsync())!).Should().BeLessThanOrEqualTo(20, "a page's new wallets are a few packed rows, not 300");

        // 300 wallets in one run would be 8.4 KB, which PostgreSQL compresses on every insert (4.5 ms of its CPU for a hot
        // drop's 36 KB run) to gain nothing on real, random addresses.
        await using var compressed = new NpgsqlCommand(
            $"select count(*) from {server.Schema}.proj_creator_wallet_runs where creator = @c and pg_column_compression(entries) is not null", connection);
        compressed.Parameters.AddWithValue("c", creator.Address);
        ((long)(await compressed.ExecuteScalarAsync())!).Should().Be(0, "runs stay under the TOAST threshold, so none is compressed");
    }
}
