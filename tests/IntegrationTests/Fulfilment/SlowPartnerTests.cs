using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>
/// A partner slower than our per-attempt timeout (the reproduction: 1 s per attempt): it takes the first
/// request after we gave up on it, and calls back. The order must still end with the partner's id, found by
/// asking the partner by idempotency key.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class SlowPartnerTests(SlowPartnerServer server) : IClassFixture<SlowPartnerServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly SimulatorBehaviour FullProgress = new();

    [Fact]
    public async Task an_order_whose_every_attempt_timed_out_is_looked_up_by_idempotency_key_and_keeps_the_partners_id()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5, prefix: "slow");
        await drop.Claim(1);
        await Eventually.True(async () => (await drop.Merch()).Orders == 1, Settle, "the order exists");
        server.Partner.Behaviour = FullProgress with { DelayMs = 1500 };

        (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();

        await Eventually.True(async () => (await drop.Order(1)) is { Status: OrderStatus.Delivered, PartnerOrderId: not null }, Settle,
            "delivered, with the partner's id");
        var order = await drop.Order(1);
        order.PartnerOrderId.Should().Be(await PartnersId(drop.OrderId(1)), "the id the partner holds under our idempotency key");
        order.Attempts.Should().BeGreaterThan(0, "the attempts that timed out are counted");
        server.Partner.State.OrderIds.Count(id => id == drop.OrderId(1)).Should().Be(1, "one order at the partner");
        var events = await Events(drop.OrderId(1));
        events.OfType<FulfilmentSubmitted>().Should().ContainSingle().Which.PartnerOrderId.Should().Be(order.PartnerOrderId);
        events.OfType<FulfilmentDeadLettered>().Should().BeEmpty("the lookup found the order: nothing for an operator to do");
        (await DeadLetters()).Should().NotContain(drop.OrderId(1));
    }

    [Fact]
    public async Task an_order_dead_lettered_before_the_partner_took_it_is_reconciled_by_the_partners_callback()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5, prefix: "slow");
        await drop.Claim(1);
        await Eventually.True(async () => (await drop.Merch()).Orders == 1, Settle, "the order exists");
        // Slower than both attempts and the lookup after them: the order is dead-lettered, then the partner takes it and calls back.
        server.Partner.Behaviour = FullProgress with { DelayMs = 6000 };

        (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();
        await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.DeadLetter, Settle, "dead-lettered first");
        (await DeadLetters()).Should().Contain(drop.OrderId(1));

        await Eventually.True(async () => (await drop.Order(1)) is { Status: OrderStatus.Delivered, PartnerOrderId: not null }, Settle,
            "the partner's callbacks bring it back, with the partner's id");
        (await drop.Order(1)).PartnerOrderId.Should().Be(await PartnersId(drop.OrderId(1)));
        (await DeadLetters()).Should().NotContain(drop.OrderId(1), "no longer an operator's dead letter");
        (await server.Http.PostAsync($"/orders/{drop.DropId}/1/retry", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.Conflict,
            "nothing to retry: the partner has it");
        var events = await Events(drop.OrderId(1));
        events.OfType<FulfilmentSubmitted>().Should().ContainSingle();
        server.Partner.State.OrderIds.Count(id => id == drop.OrderId(1)).Should().Be(1);
    }

    private async Task<string?> PartnersId(string orderId)
    {
        using var http = new HttpClient { BaseAddress = server.Partner.BaseUrl };
        var body = await http.GetFromJsonAsync<JsonElement>("fulfilment-requests?idempotencyKey=" + Uri.EscapeDataString(orderId));
        return body.GetProperty("partnerOrderId").GetString();
    }

    private async Task<List<string>> DeadLetters() =>
        [.. (await (await server.Http.GetAsync("/fulfilment/dead-letters")).Read<DeadLetterView[]>()).Select(d => d.OrderId)];

    private async Task<List<object>> Events(string orderId)
    {
        await using var session = server.Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync($"order/{orderId}")).Select(e => e.Data)];
    }
}

/// <summary>The fulfilment server with the timeout (1 s per attempt) and two attempts, so a slow partner is quick to show.</summary>
public sealed class SlowPartnerServer : FulfilmentServer
{
    protected override Dictionary<string, string?> FulfilmentSettings()
    {
        var settings = base.FulfilmentSettings();
        settings["Fulfilment:Partner:Attempts"] = "2";
        settings["Fulfilment:Partner:AttemptTimeoutMs"] = "1000";
        return settings;
    }
}
