using System.Net;
using System.Net.Http.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Processes.Cluster;
using Npgsql;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Database;

/// <summary>
/// <c>backup</c> (base backup + WAL archive) while claims are made, then <c>restore --until</c> a noted time into a
/// fresh folder: a silo started on it has exactly the claims acknowledged before that time, and the export of the
/// restored store replays against it (exit 0).
/// </summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class BackupRestoreTests(ITestOutputHelper output)
{
    [Fact]
    public async Task a_point_in_time_restore_holds_exactly_the_claims_made_before_that_time_and_its_export_replays()
    {
        await using var restored = new LocalDatabaseSilo(standby: false);
        var backupFolder = Path.Combine(Path.GetDirectoryName(restored.PrimaryDirectory)!, "backup");
        await using var original = new LocalDatabaseSilo(standby: false);
        ServiceProcess? backup = null;
        try
        {
            using var http = await original.Start();
            backup = ServiceProcess.Start("MicroEvents.Silo.dll", ["backup", "--to", backupFolder], original.Environment);
            await Eventually.True(() => Task.FromResult(backup.Output.Contains("Archiving WAL to") || backup.HasExited), TimeSpan.FromSeconds(120), "backup never started archiving");
            backup.HasExited.Should().BeFalse(backup.Output);

            const string drop = "backed-up";
            await http.CreateOpen([drop], supply: 1_000);
            var before = await Claims(http, drop, "before", 15);
            var noted = await ServerClock(original.Connection());
            var after = await Claims(http, drop, "after", 15);
            await ArchiveCaughtUp(original.Connection());
            (await backup.Interrupt(TimeSpan.FromSeconds(30))).Should().Be(0, backup.Output);
            await original.Stop();

            var (exit, said) = await restored.Verb("restore", "--from", backupFolder, "--to", restored.PrimaryDirectory, "--until", noted.ToString("O"));
            exit.Should().Be(0, said);
            output.WriteLine(said);

            using var restoredHttp = await restored.Start();
            var summary = await restoredHttp.GetAsync($"/drops/{drop}");
            summary.StatusCode.Should().Be(HttpStatusCode.OK, "the drop made before the noted time is there");
            var mints = await StreamLedger.Mints(restored.Connection(), "microevents");
            mints.Select(m => m.ClaimId).Should().BeEquivalentTo(before.Keys, "exactly the claims acknowledged before the noted time");
            mints.Should().OnlyContain(m => before[m.ClaimId] == m.Token, "each with the token it was told");
            after.Keys.Should().NotIntersectWith(mints.Select(m => m.ClaimId));

            var export = Path.Combine(Path.GetDirectoryName(restored.PrimaryDirectory)!, "export.ndjson");
            var exported = await restored.Verb("export", "--out", export);
            exported.Exit.Should().Be(0, exported.Output);
            var replay = await restored.Verb("replay", export);
            output.WriteLine(replay.Output);
            replay.Exit.Should().Be(0, "the restored store replays identical to its own export:\n" + replay.Output);
        }
        catch
        {
            output.WriteLine($"--- original\n{original.Process?.Output}\n--- backup\n{backup?.Output}\n--- restored\n{restored.Process?.Output}");
            throw;
        }
        finally
        {
            if (backup is not null) await backup.DisposeAsync();
        }
    }

    /// <summary>Claims one after another, each acknowledged; claim id → token.</summary>
    private static async Task<Dictionary<string, long>> Claims(HttpClient http, string drop, string prefix, int count)
    {
        var tokens = new Dictionary<string, long>();
        for (var i = 0; i < count; i++)
        {
            var claimId = $"{prefix}-{i}";
            var answer = await http.PostJson($"/drops/{drop}/claims", new { claimId, wallet = Samples.Wallet(prefix.Length * 1000 + i) });
            answer.StatusCode.Should().Be(HttpStatusCode.Created);
            tokens[claimId] = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("tokenNumber").GetInt64();
        }
        return tokens;
    }

    private static async Task<DateTimeOffset> ServerClock(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", db);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    /// <summary>The archive (pg_receivewal) has flushed everything written so far.</summary>
    private static async Task ArchiveCaughtUp(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var current = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", db);
        var lsn = (string)(await current.ExecuteScalarAsync())!;
        await Eventually.True(async () =>
        {
            await using var check = new NpgsqlCommand("SELECT coalesce(bool_or(flush_lsn >= @lsn::pg_lsn), false) FROM pg_stat_replication WHERE application_name = 'pg_receivewal'", db);
            check.Parameters.AddWithValue("lsn", lsn);
            return (bool)(await check.ExecuteScalarAsync())!;
        }, TimeSpan.FromSeconds(30), "the WAL archive did not catch up");
    }
}
