using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// A creator's whole day in the console, in a real browser: sign in with the (development) wallet, create a drop from
/// the form with an asset hashed in the browser, open it, watch 50 claims arrive, pause, close and export its events.
/// Screenshots: TestResults/console/creator-*.png.
/// </summary>
[Trait(Category.Name, Category.Slow)]
public partial class ConsoleDayTests(ConsoleServer server) : IClassFixture<ConsoleServer>
{
    [Fact]
    public async Task a_creator_signs_in_creates_opens_watches_fifty_claims_pauses_closes_and_exports_in_the_browser()
    {
        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, "/console/").ToString());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the sign-in page passes axe-core");
        await browser.Screenshot("creator-1-sign-in");

        // Keyboard only: tab to the wallet button and press Enter.
        var signInButton = page.Locator("#wallet-sign-in");
        await Assertions.Expect(signInButton).ToHaveTextAsync("Sign in with the development wallet");
        for (var i = 0; i < 10 && !await signInButton.EvaluateAsync<bool>("b => b === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
        (await signInButton.EvaluateAsync<bool>("b => b === document.activeElement")).Should().BeTrue("the sign-in button is reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(server.Wallet.Address, new() { IgnoreCase = true });

        // Create the drop from the form: the asset's SHA-256 is computed by the browser from the chosen file.
        var id = Samples.NewId("day");
        var poster = "a poster for the console's browser test"u8.ToArray();
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(poster));
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a drop" }).First.ClickAsync();
        await page.GetByLabel("Drop id").FillAsync(id);
        await page.GetByLabel("Title").FillAsync("Console day");
        await page.GetByLabel("Supply").FillAsync("100");
        await page.GetByLabel("Tiers (optional)").FillAsync("vip=10");
        await page.GetByLabel("Asset file (hashed here, in your browser; not uploaded)").SetInputFilesAsync(new FilePayload { Name = "poster.png", MimeType = "image/png", Buffer = poster });
        await Assertions.Expect(page.GetByLabel("Asset SHA-256")).ToHaveValueAsync(expectedHash);
        await page.GetByLabel("Asset URI").FillAsync("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/poster.png");
        await page.Locator("#add-asset").ClickAsync();
        await Assertions.Expect(page.Locator("#asset-list")).ToContainTextAsync(expectedHash);
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the drop form passes axe-core");
        await browser.Screenshot("creator-2-new-drop");
        await page.Locator("#create-drop").ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Drop {id}");
        var summary = await (await server.Anonymous.GetAsync($"/drops/{id}")).Read<JsonElement>();
        summary.GetProperty("creator").GetString().Should().BeEquivalentTo(server.Wallet.Address, "the drop belongs to the signed-in wallet");
        await Assertions.Expect(page.Locator("#manifest-hash")).ToHaveTextAsync(summary.GetProperty("manifestHash").GetString()!);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("draft");

        // A refusal is shown as a readable sentence from the problem details (pausing a draft is 409).
        await page.Locator("#pause").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("(409)");
        browser.Errors.Should().OnlyContain(e => e.Contains("409"), "only the deliberate refusal so far");
        browser.Errors.Clear();

        await page.Locator("#open").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("open");

        // 50 attendees claim through the API (10 of them in the vip tier); the console and its live page follow.
        for (var n = 1; n <= 50; n++)
            (await server.Anonymous.PostJson($"/drops/{id}/claims", new { claimId = $"c{n}", wallet = Samples.Wallet(n), tier = n <= 10 ? "vip" : null })).EnsureSuccessStatusCode();
        await Assertions.Expect(page.Locator("#minted")).ToHaveTextAsync("50", new() { Timeout = 15_000 });
        await Assertions.Expect(page.FrameLocator("#live").Locator("#minted")).ToHaveTextAsync("50", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#claims-total")).ToHaveTextAsync("50", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#claims .tier-claims")).ToHaveCountAsync(2);
        (await page.Locator("#claims .tier-claims").AllTextContentsAsync()).Order().Should().Equal("10", "40");
        await page.GetByLabel("Claim id").FillAsync("c7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the signed receipt" }).ClickAsync();
        await Assertions.Expect(page.Locator("#receipt")).ToContainTextAsync("\"root\"", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#chain")).ToContainTextAsync("anchored", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#anchor-counts")).ToContainTextAsync("pending: 0, failed: 0", new() { Timeout = 60_000 });
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the drop page passes axe-core");
        await browser.Screenshot("creator-3-drop-live");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await browser.Screenshot("creator-3-drop-live-screen", fullPage: false); // docs/console.png is this one

        await page.Locator("#pause").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("paused");
        await page.Locator("#close").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("closed");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        download.SuggestedFilename.Should().Be($"{id}-events.ndjson");
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        var types = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        types.Count(t => t == "drop.token_minted.v1").Should().Be(50);
        types.Should().Contain(["drop.created.v1", "drop.opened.v1", "drop.paused.v1", "drop.closed.v1"]);
        await browser.Screenshot("creator-4-closed");

        // The same page at a phone's width: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await browser.Screenshot("creator-5-phone");
        var tooWide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
              .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
            """);
        tooWide.Should().BeEmpty("the console fits a phone's width (wide tables scroll inside their own box)");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing, not even a long drop id, is wider than the phone");
        browser.Errors.Should().BeEmpty();
    }
}
