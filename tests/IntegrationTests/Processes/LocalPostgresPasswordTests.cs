using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Postgres;
using Npgsql;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>The project-owned PostgreSQL asks TCP clients for its generated password; trust is gone.</summary>
[Trait(Category.Name, Category.Slow)]
public class LocalPostgresPasswordTests
{
    [Fact]
    public async Task a_new_local_cluster_refuses_tcp_clients_without_the_password_kept_in_its_data_folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "microevents-pwtest", Guid.NewGuid().ToString("N")[..8], "data");
        await using (var local = await LocalPostgres.StartAsync(dir))
        {
            var password = PasswordAuth.Read(local.DataDirectory);
            password.Should().NotBeNullOrEmpty().And.HaveLength(48);
            new NpgsqlConnectionStringBuilder(local.ConnectionString).Password.Should().Be(password);

            await using (var good = new NpgsqlConnection(local.ConnectionString)) await good.OpenAsync();

            var withoutPassword = new NpgsqlConnectionStringBuilder(local.ConnectionString) { Password = null, Pooling = false }.ConnectionString;
            var refused = async () => { await using var bad = new NpgsqlConnection(withoutPassword); await bad.OpenAsync(); };
            (await refused.Should().ThrowAsync<NpgsqlException>()).Which.Message.Should().Contain("password");

            var wrong = new NpgsqlConnectionStringBuilder(local.ConnectionString) { Password = "guess", Pooling = false }.ConnectionString;
            var guessed = async () => { await using var bad = new NpgsqlConnection(wrong); await bad.OpenAsync(); };
            (await guessed.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("28P01");
        }
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(dir))!, recursive: true);
    }
}
