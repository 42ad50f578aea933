using MicroEvents.LocalStandIns.Chain;
using Nethereum.Web3;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>
/// The one-command run keeps its local chain in anvil's state file, which anvil rewrites in place every two seconds. A run
/// killed in the middle of a write left the file empty, and every later start failed (anvil exit 2), the silo with it:
/// found on this machine when a load run stopped while anvil was writing.
/// </summary>
public class LocalChainStateTests
{
    [Fact]
    public async Task an_empty_or_cut_short_state_file_is_set_aside_and_the_chain_starts_fresh()
    {
        var folder = Directory.CreateTempSubdirectory("anvil-state-").FullName;
        try
        {
            var stateFile = Path.Combine(folder, "state.json");
            foreach (var written in new[] { "", "{\"block\":{\"number\":\"0x1\"" })
            {
                await File.WriteAllTextAsync(stateFile, written);
                await using var anvil = await LocalAnvil.StartAsync(stateFile);
                (await new Web3(anvil.RpcUrl).Eth.ChainId.SendRequestAsync()).Value.Should().Be(31337);
            }
            Directory.GetFiles(folder, "state.json.unreadable-*").Should().HaveCount(2, "each unreadable file is kept beside, not deleted");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void a_readable_state_file_is_left_where_it_is()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{\"block\":{}}");
            LocalAnvil.SetAsideIfUnreadable(file).Should().BeNull();
            File.Exists(file).Should().BeTrue();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
