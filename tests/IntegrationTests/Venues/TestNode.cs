using System.Net.Http.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Venues;
using MicroEvents.Venues;
using Nethereum.Signer;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>A venue node as a kiosk plays it: its own key, every request signed, vouchers issued offline.</summary>
public sealed class TestNode : IDisposable
{
    private readonly NodeSigningHandler _signing;
    private readonly Dictionary<string, long> _sequences = [];

    private TestNode(GatewayServer server, string id, string venue)
    {
        Id = id;
        Venue = venue;
        Clock = server.Clock;
        _signing = new NodeSigningHandler(id, EthECKey.GenerateKey(), server.Clock);
        Http = new HttpClient(_signing) { BaseAddress = server.BaseAddress };
    }

    public string Id { get; }
    public string Venue { get; }
    public TestClock Clock { get; }
    public HttpClient Http { get; }
    public EthECKey Key => _signing.Key;
    public string Address => Key.GetPublicAddress();

    public static async Task<TestNode> Register(GatewayServer server, string? venue = null)
    {
        var node = new TestNode(server, Samples.NewId("node"), venue ?? Samples.NewId("venue"));
        var response = await server.Http.PostJson("/nodes", new RegisterNode(node.Id, node.Venue, "Kiosk at the door", node.Address));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return node;
    }

    public async Task<NodeView> Heartbeat(int rttMs = 40, int clockOffsetMs = 5)
    {
        var response = await Http.PostJson($"/nodes/{Id}/heartbeats", new NodeHeartbeat(rttMs, clockOffsetMs, 0, "1.0.0"));
        response.EnsureSuccessStatusCode();
        return await response.Read<NodeView>();
    }

    /// <summary>Rotates to a fresh key: the new address signed by the current key, the request too.</summary>
    public async Task<HttpResponseMessage> Rotate()
    {
        var next = EthECKey.GenerateKey();
        var signature = MicroEvents.Signatures.Venues.NodeMessages.Sign(
            MicroEvents.Signatures.Venues.NodeMessages.Rotation(Id, Address, next.GetPublicAddress()), Key);
        var response = await Http.PostJson($"/nodes/{Id}/keys/rotate", new KeyRotation(next.GetPublicAddress(), signature));
        if (response.IsSuccessStatusCode) _signing.Key = next;
        return response;
    }

    public SignedVoucher Issue(string dropId, string wallet, TimeSpan? lifetime = null, long? sequence = null, EthECKey? key = null)
    {
        var seq = sequence ?? (_sequences[dropId] = _sequences.GetValueOrDefault(dropId) + 1);
        return OfflineVouchers.Issue(key ?? Key, Id, dropId, seq, wallet, null, Clock.GetUtcNow(), lifetime ?? TimeSpan.FromHours(6));
    }

    /// <summary>Vouchers per upload request: the test gateway takes 16 KB bodies, about 30 vouchers.</summary>
    public const int Chunk = 25;

    public async Task<UploadReceipt> Upload(IReadOnlyList<SignedVoucher> vouchers, bool complete, int chunk = Chunk)
    {
        UploadReceipt? last = null;
        for (var i = 0; i < vouchers.Count || last is null; i += chunk)
        {
            var part = vouchers.Skip(i).Take(chunk).ToList();
            var final = complete && i + chunk >= vouchers.Count;
            var response = await Http.PostJson($"/nodes/{Id}/vouchers", new VoucherUpload(part, final));
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            last = await response.Read<UploadReceipt>();
        }
        return last;
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>The claim server with venue nodes (they are wired into every ClaimServer).</summary>
public sealed class VenueServer : ClaimServer
{
    public async Task<string> OpenDrop(long supply, int perWalletLimit = 1)
    {
        var id = Samples.NewId("venue-drop");
        (await Http.PostJson("/drops", Samples.Drop(id, supply, perWalletLimit))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        return id;
    }

    public async Task<NodeQuotaView> Allocate(TestNode node, string dropId, long tokens)
    {
        var response = await Http.PostJson($"/nodes/{node.Id}/quotas", new QuotaRequest(dropId, tokens, Guid.NewGuid().ToString("N")));
        response.EnsureSuccessStatusCode();
        return await response.Read<NodeQuotaView>();
    }
}
