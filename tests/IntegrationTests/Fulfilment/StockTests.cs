using System.Net;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Rejections;
using MicroEvents.Skus;
using MicroEvents.Skus.Events;

namespace MicroEvents.IntegrationTests.Fulfilment;

[Collection(SharedGateway.Name)]
public class StockTests(GatewayServer server)
{
    [Fact]
    public async Task many_concurrent_reservations_through_the_cluster_hold_exactly_the_stock_and_never_more()
    {
        var id = Samples.NewId("tee");
        var sku = server.Client.GetGrain<ISkuGrain>(id);
        await sku.Define(new SkuDefinition("Tee", ["S", "M"], 5));
        await sku.Receive(new StockMove("d1", "berlin", "M", 60, "delivery"));
        await sku.Receive(new StockMove("d2", "leeds", "S", 40, "delivery"));

        var attempts = Enumerable.Range(0, 400).Select(async i =>
        {
            try { await sku.Reserve($"order-{i}", (i % 3) switch { 0 => null, 1 => "M", _ => "S" }); return null; }
            catch (Rejected r) { return r.Code; }
        });
        var codes = await Task.WhenAll(attempts);

        codes.Count(c => c is null).Should().Be(100);
        codes.Where(c => c is not null).Distinct().Should().Equal(SkuRejectionCodes.OutOfStock);
        var view = await sku.GetSku();
        (view.OnHand, view.Reserved, view.Available, view.Low).Should().Be((100, 100, 0, true));
        view.Stock.Should().OnlyContain(line => line.Reserved <= line.OnHand);

        await using var session = server.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync($"sku/{id}");
        events.Select(e => e.Data).OfType<StockReserved>().Select(r => r.ReservationId).Should().HaveCount(100).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task operators_define_receive_adjust_reserve_and_release_over_http()
    {
        var id = Samples.NewId("print");
        (await server.Http.PostJson("/skus", new { id, title = "Poster", variants = new[] { "A2" }, lowStockThreshold = 1 })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await server.Http.PostJson("/skus", new { id, title = "Poster", variants = new[] { "A2" }, lowStockThreshold = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Http.PostJson($"/skus/{id}/receipts", new { moveId = "in-1", location = "shelf", variant = "A2", quantity = 3 })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{id}/receipts", new { moveId = "in-1", location = "shelf", variant = "A2", quantity = 3 })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{id}/reservations", new { reservationId = "r1", variant = "A2" })).EnsureSuccessStatusCode();

        var below = await server.Http.PostJson($"/skus/{id}/adjustments", new { moveId = "adj-1", location = "shelf", variant = "A2", delta = -3, reason = "water damage" });
        below.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await below.Problem()).GetProperty("type").GetString().Should().Be("/problems/stock-below-reserved");
        var noReason = await server.Http.PostJson($"/skus/{id}/adjustments", new { moveId = "adj-2", location = "shelf", variant = "A2", delta = -1, reason = "" });
        (await noReason.Problem()).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await server.Http.PostJson($"/skus/{id}/adjustments", new { moveId = "adj-3", location = "shelf", variant = "A2", delta = -1, reason = "water damage" })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{id}/reservations/r1/release", new { reason = "test" })).EnsureSuccessStatusCode();

        var view = await (await server.Http.GetAsync($"/skus/{id}")).Read<SkuView>();
        (view.OnHand, view.Reserved, view.Available).Should().Be((2, 0, 2), "received once, one written off, the hold released");
        (await server.Anonymous.GetAsync($"/skus/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
