using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.LocalStandIns.Ports;

namespace MicroEvents.IntegrationTests.Processes;

/// <summary>
/// The processes the tests, the harness and the one-command run start listen below the kernel's ephemeral range:
/// a port 0 pick comes from the range outgoing connections take their local ports from, so a PostgreSQL or HTTP
/// client could take it before the process bound it (CI saw "address already in use").
/// </summary>
public class StandInPortTests(TestChain chain) : IClassFixture<TestChain>
{
    [Fact]
    public void anvil_listens_below_the_ephemeral_range()
    {
        new Uri(chain.RpcUrl).Port.Should().BeInRange(10_000, EphemeralLow() - 1, "anvil's port comes from the shared picker");
    }

    [Fact]
    public void every_pick_is_below_the_ephemeral_range()
    {
        var picks = Enumerable.Range(0, 50).Select(_ => FreePort.Next()).ToList();

        picks.Should().AllSatisfy(p => p.Should().BeInRange(10_000, EphemeralLow() - 1));
    }

    private static int EphemeralLow() =>
        int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);
}
