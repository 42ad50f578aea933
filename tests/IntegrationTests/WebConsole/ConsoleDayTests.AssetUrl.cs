using System.Security.Cryptography;
using System.Text.Json;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// A creator fingerprints an asset from its URL: the browser fetches the bytes (the server never fetches a URL a client
/// names) and hashes them; a host that does not allow the read is a sentence, not a silent failure.
/// Screenshot: creator-7-asset-url.png.
/// </summary>
public partial class ConsoleDayTests
{
    [Fact]
    public async Task a_creator_fingerprints_an_asset_from_its_url_in_the_browser_and_reads_why_a_blocked_url_failed()
    {
        await using var assets = await AssetHost.Start("a poster served from another site"u8.ToArray());
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(assets.Bytes));

        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/");
        await page.Locator("#wallet-sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(server.Wallet.Address, new() { IgnoreCase = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a drop" }).First.ClickAsync();

        // A host that does not let other sites read it: the browser refuses, the page says why and fills in nothing.
        var url = page.GetByLabel("Or an asset URL (fetched and hashed by your browser)");
        await url.FillAsync(assets.Private.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Fetch and hash" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync($"The browser could not read {assets.Private}");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("CORS");
        await Assertions.Expect(page.GetByLabel("Asset SHA-256")).ToHaveValueAsync("");
        browser.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Contains("CORS") || e.Contains("ERR_FAILED"), "only the browser's own report of the refused read");
        browser.Errors.Clear();

        // A host that allows it (as IPFS gateways and CDNs do): the browser fetches and hashes the bytes.
        var id = Samples.NewId("url");
        await page.GetByLabel("Drop id").FillAsync(id);
        await page.GetByLabel("Title").FillAsync("Asset from a URL");
        await url.FillAsync(assets.Shared.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Fetch and hash" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Asset SHA-256")).ToHaveValueAsync(expectedHash);
        await Assertions.Expect(page.GetByLabel("Media type")).ToHaveValueAsync("image/png");
        await Assertions.Expect(page.GetByLabel("Asset URI")).ToHaveValueAsync(assets.Shared.ToString());
        await page.Locator("#add-asset").ClickAsync();
        await Assertions.Expect(page.Locator("#asset-list")).ToContainTextAsync(expectedHash);
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the drop form with a fetched asset passes axe-core");
        await browser.Screenshot("creator-7-asset-url");
        await page.Locator("#create-drop").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Drop {id}");

        var created = (await (await server.Http.GetAsync($"/drops/{id}/events?limit=1")).Read<JsonElement>())[0];
        var asset = created.GetProperty("data").GetProperty("assets")[0];
        (asset.GetProperty("uri").GetString(), asset.GetProperty("sha256").GetString()).Should().Be((assets.Shared.ToString(), expectedHash),
            "the drop's manifest carries the fingerprint of the bytes at the URL");
        browser.Errors.Should().BeEmpty();
    }
}
