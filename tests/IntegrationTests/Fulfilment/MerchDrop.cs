using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Signatures.Custody;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>A drop mapped to a fresh SKU, and its claimants, each with the wallet key that signs for their order.</summary>
public sealed class MerchDrop(GatewayServer server, string dropId, string skuId)
{
    public string DropId => dropId;
    public string SkuId => skuId;
    public Dictionary<long, TestWallet> Holders { get; } = [];

    public static async Task<MerchDrop> Create(GatewayServer server, long supply, int stockPerVariant, string prefix = "merch")
    {
        var drop = new MerchDrop(server, Samples.NewId(prefix), Samples.NewId("tee"));
        (await server.Http.PostJson("/skus", new { id = drop.SkuId, title = "Tee", variants = new[] { "S", "M" }, lowStockThreshold = 1 })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{drop.SkuId}/receipts", new { moveId = "in-s", location = "leeds", variant = "S", quantity = stockPerVariant })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{drop.SkuId}/receipts", new { moveId = "in-m", location = "berlin", variant = "M", quantity = stockPerVariant })).EnsureSuccessStatusCode();
        (await server.Http.PostJson("/drops", Samples.Drop(drop.DropId, supply))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{drop.DropId}/open", null)).EnsureSuccessStatusCode();
        var mapped = await server.Http.PutAsJsonAsync($"/drops/{drop.DropId}/merch", new { skus = new[] { drop.SkuId } }, GatewayServer.Json);
        mapped.EnsureSuccessStatusCode();
        return drop;
    }

    /// <summary>Claims <paramref name="count"/> tokens over HTTP, <paramref name="parallel"/> at a time, each for a new wallet.</summary>
    public async Task Claim(int count, int parallel = 16)
    {
        var wallets = Enumerable.Range(0, count).Select(_ => new TestWallet()).ToList();
        await Parallel.ForEachAsync(wallets, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (wallet, _) =>
        {
            var response = await server.Anonymous.PostJson($"/drops/{dropId}/claims", new { claimId = Guid.NewGuid().ToString("N"), wallet = wallet.Address });
            response.EnsureSuccessStatusCode();
            var token = (await response.Read<JsonElement>()).GetProperty("tokenNumber").GetInt64();
            lock (Holders) Holders[token] = wallet;
        });
    }

    public string OrderId(long token) => OrderKey.Of(dropId, token);

    public async Task<OrderView> Order(long token) => await (await server.Anonymous.GetAsync($"/orders/{dropId}/{token}")).Read<OrderView>();

    public async Task<MerchView> Merch() => await (await server.Http.GetAsync($"/drops/{dropId}/merch")).Read<MerchView>();

    public Task<HttpResponseMessage> GiveDetails(long token, string variant = "M", TestWallet? signer = null)
    {
        var details = new OrderDetails([new VariantChoice(skuId, variant)], Address);
        var signature = CustodyMessages.Sign(OrderMessages.Details(OrderId(token), details), (signer ?? Holders[token]).Key);
        return server.Anonymous.PostJson($"/orders/{dropId}/{token}/details", new
        {
            variants = new[] { new { sku = skuId, variant } },
            address = new { Address.Name, Address.Line1, Address.City, Address.PostalCode, Address.Country },
            signature,
        });
    }

    public Task<HttpResponseMessage> Return(long token, string reason = "too small") =>
        server.Anonymous.PostJson($"/orders/{dropId}/{token}/returns",
            new { reason, signature = CustodyMessages.Sign(OrderMessages.Return(OrderId(token), reason), Holders[token].Key) });

    public static readonly ShippingAddress Address = new("Ada Lovelace", "12 Analytical St", null, "London", null, "N1 9GU", "GB");
}
