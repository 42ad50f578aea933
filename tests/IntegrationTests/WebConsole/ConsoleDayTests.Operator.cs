using MicroEvents.Access;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.IntegrationTests.Venues;
using Microsoft.Playwright;
using Nethereum.Hex.HexTypes;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// An operator's day in the console: sign in with an API key, see drops across creators, a venue node going offline,
/// and a failed on-chain anchor shown with its reason and retried. Screenshots: TestResults/console/operator-*.png.
/// </summary>
public partial class ConsoleDayTests
{
    [Fact]
    public async Task an_operator_sees_drops_across_creators_a_node_go_offline_and_retries_a_failed_anchor_in_the_browser()
    {
        var otherCreatorsDrop = Samples.NewId("theirs");
        (await server.Http.PostJson("/drops", Samples.Drop(otherCreatorsDrop, supply: 5))).EnsureSuccessStatusCode();

        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/");

        // A wrong key is a readable 401, not a blank page.
        await page.GetByLabel("Operator or analyst API key").FillAsync("mev_not-a-key");
        await page.GetByLabel("Operator or analyst API key").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("(401)");
        browser.Errors.Should().OnlyContain(e => e.Contains("401"), "only the deliberate refusal so far");
        browser.Errors.Clear();

        await page.GetByLabel("Operator or analyst API key").FillAsync(server.OperatorKey);
        await page.GetByLabel("Operator or analyst API key").PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Drops");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(otherCreatorsDrop);
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the drops page passes axe-core");
        await browser.Screenshot("operator-1-drops");

        // A node reports in, then goes quiet: the console shows it online, then offline.
        using var node = await TestNode.Register(server);
        await node.Heartbeat(rttMs: 42, clockOffsetMs: 7);
        await page.GetByRole(AriaRole.Link, new() { Name = "Venue nodes" }).ClickAsync();
        await page.GetByLabel("Venue").FillAsync(node.Venue);
        await page.GetByLabel("Venue").PressAsync("Enter");
        var status = page.Locator($"[data-node='{node.Id}']");
        await Assertions.Expect(status).ToHaveTextAsync("online");
        await Assertions.Expect(page.Locator("#nodes")).ToContainTextAsync("42 ms");
        server.Clock.Set(server.Clock.GetUtcNow() + TimeSpan.FromSeconds(61));
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("offline");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the venue page passes axe-core");
        await browser.Screenshot("operator-2-node-offline");

        // The chain refuses the anchor for good (its gas limit is over the block's): the console shows why, and retries it.
        var gasLimit = (await new Nethereum.Web3.Web3(server.Chain.RpcUrl).Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest())).GasLimit.HexValue;
        var dropId = Samples.NewId("anchor");
        try
        {
            await server.Chain.Rpc<object>("evm_setBlockGasLimit", new HexBigInteger(100_000).HexValue);
            (await server.Http.PostJson("/drops", Samples.Drop(dropId, supply: 5))).EnsureSuccessStatusCode();
            (await server.Http.PostAsync($"/drops/{dropId}/open", null)).EnsureSuccessStatusCode();
            (await server.Anonymous.PostJson($"/drops/{dropId}/claims", new { claimId = "a1", wallet = Samples.Wallet(1) })).EnsureSuccessStatusCode();
            await page.GetByRole(AriaRole.Link, new() { Name = "Settlement" }).ClickAsync();
            await page.GetByLabel("Drop id").FillAsync(dropId);
            await page.GetByLabel("Drop id").PressAsync("Enter");
            await Eventually.True(async () =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
                return (await page.Locator("#failed-anchors").TextContentAsync())!.Contains("refused by the node");
            }, TimeSpan.FromSeconds(60), "the anchor failed and the console shows why");
            await browser.Screenshot("operator-3-anchor-failed");
        }
        finally
        {
            await server.Chain.Rpc<object>("evm_setBlockGasLimit", gasLimit);
        }
        await page.Locator("#retry-anchors").ClickAsync();
        await Assertions.Expect(page.Locator("#failed-anchors")).ToContainTextAsync("Failed: none.");
        await Eventually.True(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            return (await page.Locator("#settlement").TextContentAsync())!.Contains("Pending: none.");
        }, TimeSpan.FromSeconds(60), "the retried anchor is mined");
        await Assertions.Expect(page.Locator("#settlement caption").First).ToHaveTextAsync("Anchored");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the settlement page passes axe-core");
        await browser.Screenshot("operator-4-anchor-retried");

        // API keys: make an analyst key with an expiry, see it once, and revoke it; the gateway then refuses it.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Role").SelectOptionAsync("analyst");
        await page.GetByLabel("Label").FillAsync("console test");
        await page.GetByLabel("Expires (UTC, optional)").FillAsync((server.Clock.GetUtcNow() + TimeSpan.FromDays(30)).ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the key" }).ClickAsync();
        var key = await page.Locator("#new-key-value").TextContentAsync();
        key.Should().StartWith("mev_");
        server.Secrets.Add(key!);
        using var analyst = server.NewClient(key);
        (await analyst.GetAsync("/events?limit=1")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the new key works at once");
        var listed = (await (await server.Http.GetAsync("/operator/api-keys")).Read<ApiKeyView[]>()).Single(k => k.Label == "console test" && k.Status == "live");
        listed.Role.Should().Be("analyst");
        listed.ExpiresAt.Should().BeCloseTo(server.Clock.GetUtcNow() + TimeSpan.FromDays(30), TimeSpan.FromMinutes(1));
        (await page.ContentAsync()).Should().NotContain(server.OperatorKey, "the list never shows a key");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the API keys page passes axe-core");
        await browser.Screenshot("operator-5-api-keys");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke key {listed.Id} (console test)" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-key='{listed.Id}']")).ToHaveTextAsync("revoked");
        await Eventually.True(async () => (await analyst.GetAsync("/events?limit=1")).StatusCode == System.Net.HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "a revoked key stops working within 5 s");
        browser.Errors.Should().BeEmpty();
    }
}
