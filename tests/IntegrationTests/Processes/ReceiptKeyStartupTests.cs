using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Processes;

[Trait(Category.Name, Category.Slow)]
public class ReceiptKeyStartupTests
{
    [Fact]
    public async Task a_silo_on_a_configured_database_without_a_key_encryption_key_refuses_to_start_with_one_clear_line()
    {
        var connection = await TestPostgres.ConnectionString;
        var schema = TestPostgres.NewSchema();
        try
        {
            await using var silo = ServiceProcess.Start("MicroEvents.Silo.dll",
                ["run", "--connection-string", connection, "--urls", "http://127.0.0.1:0", "--silo-port", "0", "--gateway-port", "0"],
                new Dictionary<string, string> { ["Journal__Schema"] = schema, ["Receipts__KeyEncryptionKey"] = "" });

            (await silo.WaitForExit(TimeSpan.FromSeconds(60))).Should().Be(1, silo.Output);
            silo.Output.Should().Contain("Receipts:KeyEncryptionKey (environment Receipts__KeyEncryptionKey").And.NotContain("   at ");
        }
        finally
        {
            await TestPostgres.DropSchema(schema);
        }
    }
}
