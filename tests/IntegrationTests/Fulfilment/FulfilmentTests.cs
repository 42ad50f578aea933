using System.Net;
using System.Text;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using MicroEvents.Gateway.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Partner;
using MicroEvents.Skus;
using Xunit.Abstractions;

namespace MicroEvents.IntegrationTests.Fulfilment;

public class FulfilmentTests(FulfilmentServer server, ITestOutputHelper output) : IClassFixture<FulfilmentServer>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);
    private const int DetailedOrders = 120;

    // Slow: 500 mints and 120 orders through a failing partner, about 10 s.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task five_hundred_merch_mints_make_exactly_five_hundred_orders_and_those_with_details_reach_the_partner_once_while_it_fails_30_percent()
    {
        var started = DateTime.UtcNow;
        var drop = await MerchDrop.Create(server, supply: 500, stockPerVariant: 250);
        await drop.Claim(500);

        await server.ReadersCaughtUp(Settle);

        (await drop.Merch()).Orders.Should().Be(500, "every mint has its order");
        var merch = await drop.Merch();
        (merch.ShouldHave, merch.SuccessRate, merch.Unmapped.Count).Should().Be((500, 1.0, 0));
        var sku = await (await server.Http.GetAsync($"/skus/{drop.SkuId}")).Read<SkuView>();
        (sku.OnHand, sku.Reserved, sku.Available).Should().Be((500, 500, 0), "each order holds exactly one unit");
        output.WriteLine($"500 orders after {(DateTime.UtcNow - started).TotalSeconds:F1} s");

        // A share of the claimants give details at once (all 500 take about a minute on 2 cores; the property is the same).
        var detailed = drop.Holders.OrderBy(h => h.Key).Take(DetailedOrders).ToList();
        server.Partner.Behaviour = server.Partner.Behaviour with { FailureRate = 0.3 };
        await Parallel.ForEachAsync(detailed, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (holder, _) =>
            (await drop.GiveDetails(holder.Key, holder.Key % 2 == 0 ? "M" : "S")).EnsureSuccessStatusCode());

        // Every order ends accepted; any the partner failed on every attempt is retried by hand, as an operator would.
        await Eventually.True(async () =>
        {
            var statuses = await Task.WhenAll(detailed.Select(h => drop.Order(h.Key)));
            foreach (var dead in statuses.Where(o => o.Status == OrderStatus.DeadLetter))
                (await server.Http.PostAsync($"/orders/{drop.DropId}/{dead.TokenNumber}/retry", null)).EnsureSuccessStatusCode();
            return statuses.All(o => o.Status == OrderStatus.Accepted);
        }, Settle, "every order accepted by the partner");

        var state = server.Partner.State;
        output.WriteLine($"partner: {state.Requests} requests, {state.InjectedFailures} failed on purpose, {state.Replays} replays; {(DateTime.UtcNow - started).TotalSeconds:F1} s in all");
        state.InjectedFailures.Should().BeGreaterThan(DetailedOrders / 10, "the partner failed about 30 % of calls");
        state.OrderIds.Where(id => id.StartsWith(drop.DropId + "/", StringComparison.Ordinal)).Should().HaveCount(DetailedOrders).And.OnlyHaveUniqueItems();
        server.Partner.Behaviour = server.Partner.Behaviour with { FailureRate = 0 };
        await using var session = server.Store.QuerySession();
        foreach (var token in drop.Holders.Keys.Take(50))
            (await session.Events.FetchStreamAsync($"order/{drop.OrderId(token)}")).Select(e => e.Data).OfType<FulfilmentRequested>().Should().ContainSingle();
    }

    [Fact]
    public async Task duplicated_and_reordered_callbacks_never_move_an_order_backwards_and_ship_its_stock_once()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5);
        server.Partner.Behaviour = new SimulatorBehaviour { DuplicateCallbacks = true, ReorderCallbacks = true };
        try
        {
            await drop.Claim(1);
            await server.ReadersCaughtUp(Settle);
            (await drop.Merch()).Orders.Should().Be(1, "the order exists");
            // The simulator counts callbacks since it started: earlier tests of this class sent theirs already.
            var sentBefore = server.Partner.State.CallbacksSent;
            (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();

            await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.Delivered && server.Partner.State.CallbacksSent >= sentBefore + 10,
                Settle, "all ten callbacks arrived");
        }
        finally
        {
            server.Partner.Behaviour = new SimulatorBehaviour { Progress = ["accepted"] };
        }
        var order = await drop.Order(1);
        order.Status.Should().Be(OrderStatus.Delivered, "delivered came first; the older reports did not move it back");
        (order.Carrier, order.TrackingNumber).Should().Be(("DHL", "JD" + order.PartnerOrderId![2..]), "the late shipped report still brought the tracking");
        var sku = await (await server.Http.GetAsync($"/skus/{drop.SkuId}")).Read<SkuView>();
        (sku.OnHand, sku.Reserved).Should().Be((9, 0), "the unit left the shelf once");
        await using var session = server.Store.QuerySession();
        var reports = (await session.Events.FetchStreamAsync($"order/{drop.OrderId(1)}")).Select(e => e.Data).OfType<PartnerStatusReported>().ToList();
        reports.Select(r => r.Status).Should().Equal(new[] { OrderStatus.Delivered, OrderStatus.Shipped }, "once each; accepted, picked and packed add nothing late");
    }

    [Fact]
    public async Task a_shipped_report_keeps_its_carrier_and_tracking_whether_it_arrives_before_or_after_delivered()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5);
        await drop.Claim(2);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(2, "the orders exist");
        (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();
        (await drop.GiveDetails(2, "S")).EnsureSuccessStatusCode();
        await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.Accepted && (await drop.Order(2)).Status == OrderStatus.Accepted,
            Settle, "both with the partner");

        // Token 1 in order; token 2 as a partner's queue may deliver them: delivered first, shipped a moment later.
        server.Partner.Callback(drop.OrderId(1), OrderStatus.Shipped, "DHL", "JD-ONE");
        server.Partner.Callback(drop.OrderId(1), OrderStatus.Delivered);
        server.Partner.Callback(drop.OrderId(2), OrderStatus.Delivered);
        server.Partner.Callback(drop.OrderId(2), OrderStatus.Shipped, "UPS", "1Z-TWO");

        await Eventually.True(async () => (await drop.Order(1)).TrackingNumber is not null && (await drop.Order(2)).TrackingNumber is not null, Settle,
            "both carry their tracking");
        (await drop.Order(1)).Should().BeEquivalentTo(new { Status = OrderStatus.Delivered, Carrier = "DHL", TrackingNumber = "JD-ONE" });
        var late = await drop.Order(2);
        late.Should().BeEquivalentTo(new { Status = OrderStatus.Delivered, Carrier = "UPS", TrackingNumber = "1Z-TWO" }, "a late fact is kept, the status stays");
        late.DeliveredAt.Should().NotBeNull();
        var sku = await (await server.Http.GetAsync($"/skus/{drop.SkuId}")).Read<SkuView>();
        (sku.OnHand, sku.Reserved).Should().Be((8, 0), "each unit left the shelf once");
    }

    [Fact]
    public async Task callbacks_unsigned_with_a_bad_signature_or_a_stale_timestamp_are_refused_and_change_nothing()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5);
        await drop.Claim(1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(1, "the order exists");
        var body = $$"""{"eventId":"x1","orderId":"{{drop.OrderId(1)}}","status":"accepted"}""";
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();

        var forged = await Send(body, now, CallbackSignature.Sign("not-the-secret", now, body));
        var stale = await Send(body, now - 600, CallbackSignature.Sign(FulfilmentServer.CallbackSecret, now - 600, body));
        var unsigned = await server.Anonymous.PostAsync("/fulfilment/callbacks", new StringContent(body, Encoding.UTF8, "application/json"));

        (await forged.Problem()).GetProperty("type").GetString().Should().Be("/problems/bad-callback-signature");
        (await stale.Problem()).GetProperty("type").GetString().Should().Be("/problems/stale-callback");
        unsigned.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await drop.Order(1)).Status.Should().Be(OrderStatus.AwaitingDetails);
        (await Send(body, now, CallbackSignature.Sign(FulfilmentServer.CallbackSecret, now, body))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_return_inside_the_window_restocks_and_one_after_it_is_refused_with_its_own_problem_type()
    {
        server.Partner.Behaviour = new SimulatorBehaviour();
        try
        {
            var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5);
            await drop.Claim(2);
            await server.ReadersCaughtUp(Settle);
            (await drop.Merch()).Orders.Should().Be(2, "the orders exist");
            (await drop.GiveDetails(1, "M")).EnsureSuccessStatusCode();
            (await drop.GiveDetails(2, "M")).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.Delivered && (await drop.Order(2)).Status == OrderStatus.Delivered,
                Settle, "both delivered");
            var wrongWallet = await server.Anonymous.PostJson($"/orders/{drop.DropId}/1/returns",
                new { reason = "x", signature = Signatures.Custody.CustodyMessages.Sign(OrderMessages.Return(drop.OrderId(1), "x"), new TestWallet().Key) });
            (await wrongWallet.Problem()).GetProperty("type").GetString().Should().Be("/problems/not-the-holder");

            server.Clock.Set(server.Clock.GetUtcNow().AddDays(13));
            (await drop.Return(1)).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.Returned, Settle, "the partner confirmed the return");
            (await drop.Order(1)).ReturnOutcome.Should().Be("restocked");
            var sku = await (await server.Http.GetAsync($"/skus/{drop.SkuId}")).Read<SkuView>();
            sku.Stock.Should().Contain(new StockLine("returns", "M", 1, 0));

            server.Clock.Set(server.Clock.GetUtcNow().AddDays(2));
            var late = await drop.Return(2);
            late.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await late.Problem()).GetProperty("type").GetString().Should().Be("/problems/return-window-closed");
            (await drop.Order(2)).Status.Should().Be(OrderStatus.Delivered);
        }
        finally
        {
            server.Partner.Behaviour = new SimulatorBehaviour { Progress = ["accepted"] };
        }
    }

    // Slow: waits for the reminder and the deadline, about 2 s.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task an_order_without_details_gets_a_reminder_mail_then_is_cancelled_at_the_deadline_and_its_stock_goes_back()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 1);
        await drop.Claim(1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(1, "the order exists");
        var order = await drop.Order(1);
        var email = $"{Guid.NewGuid():N}@example.com";
        var contact = await server.Anonymous.PostJson($"/orders/{drop.DropId}/1/contact",
            new { email, signature = Signatures.Custody.CustodyMessages.Sign(OrderMessages.Contact(drop.OrderId(1), email), drop.Holders[1].Key) });
        contact.EnsureSuccessStatusCode();

        server.Clock.Set(order.DetailsDue!.Value.AddDays(-1));
        var mail = await server.Mailbox.WaitFor(m => m.To.Contains(email), Settle);
        mail.Body.Should().Contain(order.Shortcode!);
        server.Clock.Set(order.DetailsDue!.Value);
        await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.Cancelled, Settle, "cancelled at the deadline");

        var sku = await (await server.Http.GetAsync($"/skus/{drop.SkuId}")).Read<SkuView>();
        (sku.Reserved, sku.Available).Should().Be((0, 2));
        (await drop.GiveDetails(1)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task tokens_beyond_the_stock_are_listed_unmapped_with_the_success_rate_and_map_once_stock_arrives()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 1);
        await drop.Claim(3, parallel: 1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).ShouldHave.Should().Be(3, "every mint was looked at");

        var merch = await drop.Merch();
        (merch.Orders, merch.SuccessRate).Should().Be((2, 2.0 / 3));
        var unmapped = merch.Unmapped.Should().ContainSingle().Subject;
        unmapped.Reason.Should().StartWith(SkuRejectionCodes.OutOfStock);
        (await drop.Order(unmapped.TokenNumber)).Status.Should().Be(OrderStatus.Unmapped);

        (await server.Http.PostJson($"/skus/{drop.SkuId}/receipts", new { moveId = "more", location = "leeds", variant = "S", quantity = 1 })).EnsureSuccessStatusCode();
        merch = await (await server.Http.PostAsync($"/drops/{drop.DropId}/merch/retry", null)).Read<MerchView>();
        (merch.Orders, merch.SuccessRate, merch.Unmapped.Count).Should().Be((3, 1.0, 0));
    }

    [Fact]
    public async Task a_picker_types_the_shortcode_in_any_case_and_a_typo_is_caught_by_the_check_character()
    {
        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 2);
        await drop.Claim(1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(1, "the order exists");
        (await drop.GiveDetails(1, "S")).EnsureSuccessStatusCode();
        var code = (await drop.Order(1)).Shortcode!;

        var view = await (await server.Http.GetAsync($"/shortcodes/{code.ToLowerInvariant()}")).Read<ShortcodeView>();
        (view.DropId, view.TokenNumber).Should().Be((drop.DropId, 1));
        view.Lines.Should().Equal(new OrderLine(drop.SkuId, "S"));

        var typo = code[..^1] + Shortcode.Alphabet.First(c => c != code[^1]);
        (await (await server.Http.GetAsync($"/shortcodes/{typo}")).Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");
        (await server.Anonymous.GetAsync($"/shortcodes/{code}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_swap_of_2_and_Z_is_a_typo_now_and_a_code_issued_under_the_old_check_still_resolves()
    {
        // The pair passes the old check (Luhn mod 30) both ways, so both went to the lookup: 404, 404.
        foreach (var swapped in new[] { "2ZC6EP34H", "Z2C6EP34H" })
            (await (await server.Http.GetAsync($"/shortcodes/{swapped}")).Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");

        var drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 2);
        await drop.Claim(1);
        await server.ReadersCaughtUp(Settle);
        (await drop.Merch()).Orders.Should().Be(1, "the order exists");
        var code = Shortcode.Normalize((await drop.Order(1)).Shortcode)!;
        var neighbours = Enumerable.Range(0, code.Length - 1).First(i => code[i] != code[i + 1]);
        var typo = code[..neighbours] + code[neighbours + 1] + code[neighbours] + code[(neighbours + 2)..];
        (await (await server.Http.GetAsync($"/shortcodes/{typo}")).Problem()).GetProperty("type").GetString().Should().Be("/problems/validation-failed");

        // A code printed before the new check (Luhn mod 30 only) for this order still finds it at the packing table.
        var body = code[..Shortcode.Length];
        var legacy = Shortcode.Alphabet.Select(c => body + c).First(c => Shortcode.NormalizeLegacy(c) is not null);
        if (Shortcode.Normalize(legacy) is null)
        {
            (await server.Client.GetGrain<IShortcodeGrain>(legacy).Assign(drop.OrderId(1))).Should().BeTrue();
            var view = await (await server.Http.GetAsync($"/shortcodes/{legacy}")).Read<ShortcodeView>();
            (view.DropId, view.TokenNumber).Should().Be((drop.DropId, 1));
        }
    }

    private Task<HttpResponseMessage> Send(string body, long timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/fulfilment/callbacks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(CallbackSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(CallbackSignature.SignatureHeader, signature);
        return server.Anonymous.SendAsync(request);
    }
}
