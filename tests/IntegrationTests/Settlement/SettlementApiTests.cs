using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Gateway.Settlement;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Receipts;
using MicroEvents.Settlement;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.IntegrationTests.Settlement;

/// <summary>Through the real gateway: a drop's settlement, the holder's own on-chain claim with the receipt proof, and the token's metadata with ETag.</summary>
[Trait(Category.Name, Category.Slow)]
public class SettlementApiTests(SettlementServer server) : IClassFixture<SettlementServer>
{
    [Fact]
    public async Task a_settled_drop_shows_its_anchors_its_holder_claims_on_chain_and_the_token_uri_serves_cached_metadata()
    {
        using var cache = new CacheCounter();
        var holder = new TestWallet();
        var dropId = Samples.NewId();
        var drop = await server.Client.OpenDrop(Samples.Drop(dropId, supply: 20));
        await drop.Claim(new ClaimToken("mine", holder.Address, null));
        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => drop.Claim(new ClaimToken($"c-{i}", Samples.Wallet(i), null))));

        DropSettlementView? settlement = null;
        await Eventually.True(async () =>
        {
            var roots = await SealedRoots.Of(server, dropId);
            settlement = await server.Anonymous.GetFromJsonAsync<DropSettlementView>($"/drops/{dropId}/settlement", GatewayServer.Json);
            return roots.Count > 0 && settlement!.Anchored.Select(a => a.Root).Order().SequenceEqual(roots.Order()) && settlement.Pending.Count == 0;
        }, TimeSpan.FromSeconds(60), "every root of the drop anchored, as the settlement endpoint shows");
        settlement!.Contract.Should().BeEquivalentTo(server.Contract);
        settlement.Anchored.Should().OnlyContain(a => a.Block > 0 && a.TxHash!.StartsWith("0x"));

        // Hand-off to self-custody on chain: the holder sends the claim from its own wallet with the receipt proof.
        var receipt = (await server.Anonymous.GetFromJsonAsync<ReceiptView>($"/drops/{dropId}/claims/mine/receipt", GatewayServer.Json))!;
        await server.Chain.Fund(holder.Address);
        var asHolder = new DropsContract(server.Chain.As(holder.Key.GetPrivateKey()), server.Contract);
        (await asHolder.Claim(receipt, holder.Address)).Status.Value.Should().Be(1);
        var tokenId = await asHolder.TokenIdOf(dropId, receipt.Leaf.TokenNumber);
        tokenId.Should().Be(TokenIds.Of(dropId, receipt.Leaf.TokenNumber), "token ids are computable off chain");
        (await asHolder.OwnerOf(tokenId)).Should().BeEquivalentTo(holder.Address);

        var uri = new Uri(await asHolder.TokenUri(tokenId));
        var first = await server.Anonymous.GetAsync(uri.PathAndQuery);
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        first.Headers.CacheControl!.ToString().Should().Be(SettlementEndpoints.CacheControl);
        var etag = first.Headers.ETag!.Tag;
        var metadata = await first.Content.ReadFromJsonAsync<JsonElement>();
        metadata.GetProperty("name").GetString().Should().Be($"Drop {dropId} #{receipt.Leaf.TokenNumber}");
        metadata.GetProperty("image").GetString().Should().StartWith("ipfs://");
        metadata.GetProperty("attributes").EnumerateArray().Should().Contain(a =>
            a.GetProperty("trait_type").GetString() == "token number" && a.GetProperty("value").GetString() == receipt.Leaf.TokenNumber.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, uri.PathAndQuery);
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        (await server.Anonymous.SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        // A compressing proxy turns the strong tag weak; If-None-Match compares weakly (RFC 9110 13.1.2).
        using var weak = new HttpRequestMessage(HttpMethod.Get, uri.PathAndQuery);
        weak.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{etag}");
        (await server.Anonymous.SendAsync(weak)).StatusCode.Should().Be(HttpStatusCode.NotModified);
        cache.Hits.Should().Be(2);
        cache.Misses.Should().Be(1);

        (await server.Anonymous.GetAsync($"/tokens/{server.Contract}/12345")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await server.Anonymous.GetAsync($"/tokens/{Samples.Wallet(9)}/{tokenId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another contract");
        var malformed = await server.Anonymous.GetAsync($"/tokens/not-an-address/0x12");
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await malformed.Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");
    }

    [Fact]
    public async Task a_token_minted_after_a_contingency_switch_shows_the_fallback_assets_and_hash_in_its_metadata()
    {
        var dropId = Samples.NewId();
        var fallback = new ContingencyManifest([new DropAsset("https://mirror.example.org/fallback.png", new string('b', 64), "image/png")]);
        var drop = await server.Client.OpenDrop(Samples.Drop(dropId, supply: 20) with { Contingency = fallback });
        var before = (await drop.Claim(new ClaimToken("before", Samples.Wallet(1), null))).Receipt;
        var view = await drop.ActivateContingency(new ContingencySwitchRequest("cdn-down", "primary CDN down at the venue"), "key:tests");
        var after = (await drop.Claim(new ClaimToken("after", Samples.Wallet(2), null))).Receipt;

        await Eventually.True(async () =>
        {
            var settlement = await server.Anonymous.GetFromJsonAsync<DropSettlementView>($"/drops/{dropId}/settlement", GatewayServer.Json);
            return settlement!.Anchored.Sum(a => a.LastToken - a.FirstToken + 1) >= 2 && settlement.Pending.Count == 0;
        }, TimeSpan.FromSeconds(60), "both tokens anchored");

        var metadata = new Dictionary<long, JsonElement>();
        foreach (var token in new[] { before.TokenNumber, after.TokenNumber })
        {
            var response = await server.Anonymous.GetAsync($"/tokens/{server.Contract}/{TokenIds.Of(dropId, token)}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            metadata[token] = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        string Manifest(JsonElement m) => m.GetProperty("attributes").EnumerateArray().Single(a => a.GetProperty("trait_type").GetString() == "manifest").GetProperty("value").GetString()!;
        metadata[after.TokenNumber].GetProperty("image").GetString().Should().Be("https://mirror.example.org/fallback.png");
        Manifest(metadata[after.TokenNumber]).Should().Be(view.FallbackManifestHash);
        metadata[before.TokenNumber].GetProperty("image").GetString().Should().StartWith("ipfs://", "a token minted before keeps the primary's assets");
        Manifest(metadata[before.TokenNumber]).Should().Be(view.PrimaryManifestHash);
    }

    /// <summary>Counts <c>microevents.tokens.metadata.requests</c> by cache outcome, as the exporter sees it.</summary>
    private sealed class CacheCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        public int Hits, Misses;

        public CacheCounter()
        {
            _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == TokenMetadataMetrics.MeterName) l.EnableMeasurementEvents(i); };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "cache") _ = (string?)tag.Value == "hit" ? Interlocked.Add(ref Hits, (int)value) : Interlocked.Add(ref Misses, (int)value);
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }
}
