using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;

namespace MicroEvents.IntegrationTests.Fulfilment;

/// <summary>
/// The partner call is an outbox: once the details are stored, the order reaches the partner whatever happens to the
/// silo that was sending it. Its own fixture: the restart takes the gateway with it, and the orders' check runs only
/// every ten minutes, so nothing but the outbox can send the order within the test's minute.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public class PartnerOutboxTests(PatientOrdersServer server) : IClassFixture<PatientOrdersServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_silo_restart_while_the_partner_request_is_out_still_sends_the_order_exactly_once()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5, prefix: "outbox");
        await drop.Claim(1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(1, "the order exists");
        // Slow and failing: the request is still being retried when the silo goes down.
        server.Partner.Behaviour = new SimulatorBehaviour { Progress = ["accepted"], DelayMs = 2000, FailureRate = 1 };
        var before = server.Partner.State.Requests;

        (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();
        await Eventually.True(() => Task.FromResult(server.Partner.State.Requests > before), Settle, "the request is out");
        await server.Restart(() =>
        {
            server.Partner.Behaviour = new SimulatorBehaviour { Progress = ["accepted"] };
            return Task.CompletedTask;
        });

        // Nobody touches the order after the restart (a read would activate it): only the outbox can send it now.
        var orderId = drop.OrderId(1);
        await Eventually.True(() => Task.FromResult(server.Partner.State.OrderIds.Contains(orderId)), Settle, "the partner took the order after the restart");
        var order = server.Client.GetGrain<IFulfilmentOrderGrain>(orderId);
        await Eventually.True(async () => (await order.GetOrder()).PartnerOrderId is not null, Settle, "the order records the partner's id");

        server.Partner.State.OrderIds.Count(id => id == orderId).Should().Be(1, "one order at the partner");
        (await order.GetOrder()).Status.Should().NotBe(OrderStatus.DeadLetter);
        await using var session = server.Store.QuerySession();
        var events = (await session.Events.FetchStreamAsync($"order/{orderId}")).Select(e => e.Data).ToList();
        events.OfType<FulfilmentSubmitted>().Should().ContainSingle();
        events.OfType<FulfilmentDeadLettered>().Should().BeEmpty("the attempt cut short by the restart is no failure to report");
    }
}

/// <summary>The fulfilment server with the production-like check period (10 minutes): no reminder helps an order within a test.</summary>
public sealed class PatientOrdersServer : FulfilmentServer
{
    protected override Dictionary<string, string?> FulfilmentSettings()
    {
        var settings = base.FulfilmentSettings();
        settings["Fulfilment:CheckSeconds"] = "600";
        return settings;
    }
}
