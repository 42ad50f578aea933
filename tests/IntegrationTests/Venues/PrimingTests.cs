using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Signatures.Receipts;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>Signed manifest priming with ETags, the preflight checklist item by item, and voucher QR codes.</summary>
[Collection(VenueCollection.Name)]
public class PrimingTests(VenueServer server)
{
    [Fact]
    public async Task a_node_primes_signed_manifests_of_its_drops_and_reprimes_cheaply_by_etag()
    {
        var drop = await server.OpenDrop(100);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 10);

        var response = await node.Http.GetAsync($"/nodes/{node.Id}/manifests");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.CacheControl!.Private.Should().BeTrue();
        var primed = (await response.Read<NodeManifests>()).Manifests.Single();
        var signer = await server.Anonymous.GetFromJsonAsync<Gateway.Receipts.SignerView>($"/drops/{drop}/signer", GatewayServer.Json);

        primed.DropId.Should().Be(drop);
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(primed.CanonicalManifest))).Should().Be(primed.ManifestHash, "the node can check the manifest offline");
        primed.Signer.Should().Be(signer!.Address);
        RootSignature.Signer(Convert.FromHexString(primed.ManifestHash), primed.Signature).Should().Be(signer.Address);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/nodes/{node.Id}/manifests");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        (await node.Http.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);

        await server.Allocate(node, await server.OpenDrop(50), 5);
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/nodes/{node.Id}/manifests");
        changed.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var reprimed = await node.Http.SendAsync(changed);
        reprimed.StatusCode.Should().Be(HttpStatusCode.OK, "a new drop changes the ETag");
        (await reprimed.Read<NodeManifests>()).Manifests.Should().HaveCount(2);
    }

    [Fact]
    public async Task preflight_reports_each_item_and_passes_once_the_node_is_ready()
    {
        using var node = await TestNode.Register(server);
        var failing = await Preflight(node, new PreflightRequest([420, 380, 500], 5000, new Dictionary<string, string>()));

        failing.Passed.Should().BeFalse();
        failing.Items.ToDictionary(i => i.Name, i => i.Passed).Should().Equal(new Dictionary<string, bool>
        {
            ["rtt"] = false, ["clock"] = false, ["manifests"] = false, ["key"] = true, ["quota"] = false, ["test-claim"] = true,
        });
        failing.Items.Single(i => i.Name == "rtt").Detail.Should().Contain("median 420 ms");

        var drop = await server.OpenDrop(100);
        await server.Allocate(node, drop, 10);
        var manifests = await (await node.Http.GetAsync($"/nodes/{node.Id}/manifests")).Read<NodeManifests>();
        var passing = await Preflight(node, new PreflightRequest([40, 35, 60], 12, manifests.Manifests.ToDictionary(m => m.DropId, m => m.ManifestHash)));

        passing.Items.Where(i => !i.Passed).Should().BeEmpty();
        passing.Passed.Should().BeTrue();
        var listed = (await server.Http.GetFromJsonAsync<NodeView[]>($"/venues/{node.Venue}/nodes", GatewayServer.Json))!.Single();
        listed.LastPreflight!.Passed.Should().BeTrue();
        listed.Quotas.Single().Should().BeEquivalentTo(new { DropId = drop, Held = 10 });
    }

    [Fact]
    public async Task an_uploaded_voucher_renders_as_a_png_and_an_svg_qr_code()
    {
        var drop = await server.OpenDrop(10);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 2);
        var voucher = node.Issue(drop, Samples.Wallet(7));
        await node.Upload([voucher], complete: false);

        var png = await server.Anonymous.GetAsync($"/vouchers/{voucher.VoucherId}/qr?node={node.Id}");
        png.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await png.Content.ReadAsByteArrayAsync())[..4].Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        var svg = await server.Anonymous.GetAsync($"/vouchers/{voucher.VoucherId}/qr?node={node.Id}&format=svg");
        svg.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await svg.Content.ReadAsStringAsync()).Should().Contain("<svg");
        (await server.Anonymous.GetAsync($"/vouchers/nope/qr?node={node.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<PreflightReport> Preflight(TestNode node, PreflightRequest request)
    {
        var response = await node.Http.PostJson($"/nodes/{node.Id}/preflight", request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Read<PreflightReport>();
    }
}
