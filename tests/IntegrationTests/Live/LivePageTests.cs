using System.Globalization;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.Live;

/// <summary>
/// The live page in a real browser: Debian's Chromium driven by Playwright (launched by its executable
/// path, no browser download; <c>CHROMIUM_PATH</c> overrides /usr/bin/chromium). LIVE_PAGE_SCREENSHOT=file
/// keeps a screenshot of the page at the end (docs/live-page.png is made that way).
/// </summary>
[Trait(Category.Name, Category.Slow)]
[Collection(LiveCollection.Name)]
public class LivePageTests(LiveServer server)
{
    private static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [Fact]
    public async Task the_counters_and_the_chart_move_while_claims_arrive_and_the_status_follows_the_drop()
    {
        var id = await server.OpenDrop(supply: 5_000, prefix: "page");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], // runs as root in CI
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 600 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(new Uri(server.BaseAddress, $"/drops/{id}/live.html").ToString());
        await Assertions.Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Assertions.Expect(page.Locator("#minted")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("open");
        await Assertions.Expect(page.Locator("#title")).ToHaveTextAsync($"Drop {id}");

        // Claims keep arriving, from four phones at once, while the page is watched.
        using var stop = new CancellationTokenSource();
        var claimed = 0;
        var phones = Enumerable.Range(0, 4).Select(phone => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 1_000; i++)
            {
                var n = phone * 1_000 + i + 1;
                (await server.Anonymous.PostJson($"/drops/{id}/claims", new { claimId = $"p{n}", wallet = Samples.Wallet(n) })).EnsureSuccessStatusCode();
                Interlocked.Increment(ref claimed);
            }
        })).ToList();

        var readings = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var before = readings.Count == 0 ? 0 : readings[^1];
            await Assertions.Expect(page.Locator("#minted")).Not.ToHaveTextAsync(Format(before), new() { Timeout = 10_000 });
            readings.Add(Parse(await page.Locator("#minted").TextContentAsync()));
        }
        await Assertions.Expect(page.Locator("#rate")).Not.ToHaveTextAsync("0");
        var rateWhileClaiming = Parse(await page.Locator("#rate").TextContentAsync());
        stop.Cancel();
        await Task.WhenAll(phones);

        readings.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("the minted counter moved on while claims arrived");
        rateWhileClaiming.Should().BePositive();
        await Assertions.Expect(page.Locator("#minted")).ToHaveTextAsync(Format(claimed));
        await Assertions.Expect(page.Locator("#remaining")).ToHaveTextAsync(Format(5_000 - claimed));
        await Assertions.Expect(page.Locator("#last-token")).ToContainTextAsync($"#{Format(claimed)}");
        var drawn = await page.EvaluateAsync<int>("""
            () => { const c = document.getElementById('chart'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let green = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 1] > 150 && d[i] < 150) green++; return green; }
            """);
        drawn.Should().BeGreaterThan(100, "the claims-per-second line is drawn on the canvas");

        if (Environment.GetEnvironmentVariable("LIVE_PAGE_SCREENSHOT") is { Length: > 0 } file)
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });

        (await server.Http.PostAsync($"/drops/{id}/pause", null)).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("paused");
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("paused");
        errors.Should().BeEmpty();
    }

    private static string Format(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static long Parse(string? text) => long.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
