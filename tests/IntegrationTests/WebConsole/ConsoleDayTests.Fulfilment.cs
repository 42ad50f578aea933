using System.Net.Http.Json;
using MicroEvents.Fulfilment;
using MicroEvents.IntegrationTests.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// An operator's fulfilment morning in the console: the partner is down, an order dead-letters, the operator reads why,
/// the partner recovers, one keypress on Retry sends it again, and the page follows it to delivered.
/// Screenshots: TestResults/console/operator-6-*.png.
/// </summary>
public partial class ConsoleDayTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task an_operator_sees_a_dead_letter_with_its_reason_retries_it_and_watches_the_order_reach_delivered_in_the_browser()
    {
        // The partner fails every request (503), as its operator would make it with curl.
        using var partner = new HttpClient { BaseAddress = server.Partner.BaseUrl };
        (await partner.PutAsJsonAsync("simulator/behaviour", new { failureRate = 1.0 })).EnsureSuccessStatusCode();
        MerchDrop drop;
        try
        {
            drop = await MerchDrop.Create(server, supply: 5, stockPerVariant: 5, prefix: "dead");
            await drop.Claim(1, parallel: 1);
            await Eventually.True(async () => (await drop.Merch()).Orders == 1, Settle, "the mint became an order");
            (await drop.GiveDetails(1)).EnsureSuccessStatusCode();
            await Eventually.True(async () => (await drop.Order(1)).Status == OrderStatus.DeadLetter, Settle, "every attempt failed: a dead letter");
        }
        catch
        {
            await partner.PutAsJsonAsync("simulator/behaviour", new { failureRate = 0.0 });
            throw;
        }
        var orderId = drop.OrderId(1);

        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/");
        await browser.SignInWithKey(server.OperatorKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Fulfilment" }).ClickAsync();
        var row = page.Locator("#dead-letters tr", new() { HasText = orderId });
        await Assertions.Expect(row).ToContainTextAsync("HTTP 503 Service Unavailable");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the fulfilment page passes axe-core");
        await browser.Screenshot("operator-6-dead-letter");

        // The partner recovers; the operator retries from the keyboard and follows the order on the same page.
        (await partner.PutAsJsonAsync("simulator/behaviour", new { failureRate = 0.0 })).EnsureSuccessStatusCode();
        var retry = page.GetByRole(AriaRole.Button, new() { Name = $"Retry order {orderId}" });
        (await browser.TabTo(retry)).Should().BeTrue("the Retry button is reachable with Tab");
        (await browser.FocusIsVisible()).Should().BeTrue("the focused button shows a focus ring");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync($"Order {orderId} sent to the partner again");
        await Assertions.Expect(page.Locator("#order")).ToBeFocusedAsync(); // the keyboard goes on from the order it sent, not from the top
        await Assertions.Expect(page.Locator("#dead-letters")).Not.ToContainTextAsync(orderId);
        await Assertions.Expect(page.Locator("#order-status")).ToHaveTextAsync(OrderStatus.Delivered, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#order")).ToContainTextAsync("DHL");
        (await drop.Order(1)).Status.Should().Be(OrderStatus.Delivered, "the page shows what the API says");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the fulfilment page passes axe-core after the retry");
        await browser.Screenshot("operator-6-dead-letter-retried");

        await page.SetViewportSizeAsync(390, 844);
        (await browser.WiderThanTheScreen()).Should().BeEmpty("the fulfilment page fits a phone's width");
        await browser.Screenshot("operator-6-dead-letter-retried-phone");
        browser.Errors.Should().BeEmpty();
    }
}
