using System.Net;
using System.Net.Http.Json;
using MicroEvents.Fulfilment;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Projections;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// A creator reads what their claimants will be sent: their own drop's merch mapping (set by operators) beside its
/// order funnel, in the API and on the drop's page; another creator is refused. Screenshot: creator-6-merch.png.
/// </summary>
public partial class ConsoleDayTests
{
    [Fact]
    public async Task the_merch_mapping_api_answers_the_drops_creator_and_refuses_another_creator_with_problem_json()
    {
        var owner = new CreatorWallet(server);
        var (id, sku) = await MerchDropOf(owner.Address);
        using var creator = server.NewClient(await owner.SignIn());
        using var stranger = server.NewClient(await new CreatorWallet(server).SignIn());

        var own = await creator.GetAsync($"/drops/{id}/merch");
        own.StatusCode.Should().Be(HttpStatusCode.OK, "a drop's creator reads its merch mapping");
        (await own.Read<MerchView>()).Mapping!.Skus.Should().Equal(sku);

        var refused = await stranger.GetAsync($"/drops/{id}/merch");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, "another creator may not read it");
        (await refused.Problem()).GetProperty("status").GetInt32().Should().Be(403);
        (await stranger.PutAsJsonAsync($"/drops/{id}/merch", new { skus = Array.Empty<string>() }, GatewayServer.Json)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "setting the mapping stays the operators'");
        (await creator.PutAsJsonAsync($"/drops/{id}/merch", new { skus = Array.Empty<string>() }, GatewayServer.Json)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "even for the drop's own creator");
        (await (await creator.GetAsync($"/drops/{id}/merch")).Read<MerchView>()).Mapping!.Skus.Should().Equal([sku], "nothing changed");
    }

    [Fact]
    public async Task a_creator_sees_their_drops_merch_mapping_and_order_funnel_in_the_browser()
    {
        var (id, sku) = await MerchDropOf(server.Wallet.Address);
        for (var n = 1; n <= 2; n++)
            (await server.Anonymous.PostJson($"/drops/{id}/claims", new { claimId = $"m{n}", wallet = Samples.Wallet(n) })).EnsureSuccessStatusCode();

        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/");
        await page.Locator("#wallet-sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(server.Wallet.Address, new() { IgnoreCase = true });
        await page.GotoAsync($"/console/#/drops/{id}");

        var mapping = page.Locator("#merch-mapping");
        await Assertions.Expect(mapping).ToContainTextAsync(sku);
        await Assertions.Expect(mapping).ToContainTextAsync("2 of 2 tokens", new() { Timeout = 30_000 });
        await Assertions.Expect(mapping).ToContainTextAsync("100 %");
        await Assertions.Expect(page.Locator($"#merch [data-stage='{FunnelStages.Ordered}']")).ToHaveTextAsync("2", new() { Timeout = 30_000 });
        await page.Locator("#merch").ScrollIntoViewIfNeededAsync();
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the drop page with merch passes axe-core");
        await browser.Screenshot("creator-6-merch", fullPage: false);
        browser.Errors.Should().BeEmpty("the creator's page reads the mapping without a refusal");
    }

    /// <summary>An open drop of <paramref name="creator"/>, mapped by an operator to a fresh SKU with stock.</summary>
    private async Task<(string Id, string Sku)> MerchDropOf(string creator)
    {
        var id = Samples.NewId("merch");
        var sku = Samples.NewId("tee");
        (await server.Http.PostJson("/skus", new { id = sku, title = "Tee", variants = new[] { "M" }, lowStockThreshold = 1 })).EnsureSuccessStatusCode();
        (await server.Http.PostJson($"/skus/{sku}/receipts", new { moveId = "in", location = "leeds", variant = "M", quantity = 10 })).EnsureSuccessStatusCode();
        (await server.Http.PostJson("/drops", Samples.Drop(id, supply: 10) with { Creator = creator })).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/drops/{id}/open", null)).EnsureSuccessStatusCode();
        (await server.Http.PutAsJsonAsync($"/drops/{id}/merch", new { skus = new[] { sku } }, GatewayServer.Json)).EnsureSuccessStatusCode();
        return (id, sku);
    }
}
