using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using MicroEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>Silos meant for several hosts advertise a routable address, and a gateway that knows only the database reaches them there.</summary>
[Collection(ProcessClusterCollection.Name)]
[Trait(Category.Name, Category.Slow)]
public class AdvertisedAddressTests(ITestOutputHelper output)
{
    [Fact]
    public async Task silos_advertise_the_configured_address_and_a_gateway_finds_them_in_the_membership_table()
    {
        var address = HostAddress();
        await using var cluster = await ProcessCluster.Start(silos: 2, environment: new Dictionary<string, string> { ["Orleans__AdvertisedAddress"] = address });
        try
        {
            (await cluster.AdvertisedAddresses()).Should().Equal(address, address);

            using var http = await cluster.StartGateway();
            (await http.PostJson("/drops", Samples.Drop("routable", supply: 5))).StatusCode.Should().Be(HttpStatusCode.Created);
            (await http.PostAsync("/drops/routable/open", null)).EnsureSuccessStatusCode();
            (await http.PostJson("/drops/routable/claims", new { claimId = "r1", wallet = Samples.Wallet(1) })).StatusCode.Should().Be(HttpStatusCode.Created);
        }
        catch
        {
            output.WriteLine(cluster.Output());
            throw;
        }
    }

    // This machine's first non-loopback IPv4 address: what a silo on another host would dial.
    private static string HostAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .ToString();
}
