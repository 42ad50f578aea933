using MicroEvents.Gateway.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// The feeds page names every feed the cluster runs, read from <c>GET /feeds</c>: a feed added by a newer feature shows
/// up without a console change. Screenshot: operator-7-feeds.png.
/// </summary>
public partial class ConsoleDayTests
{
    [Fact]
    public async Task get_feeds_lists_every_feed_the_cluster_runs_with_its_position()
    {
        var feeds = await (await server.Http.GetAsync("/feeds")).Read<FeedView[]>();
        feeds.Select(f => f.Name).Should().BeEquivalentTo(["fulfilment-orders", "partner-submissions", "receipt-sealing", "settlement-anchors", "settlement-handoffs", ConsoleServer.UnlistedFeed]);
        feeds.Select(f => f.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        foreach (var feed in feeds)
            (await server.Http.GetAsync($"/feeds/{feed.Name}")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK, $"{feed.Name} is a feed");
    }

    [Fact]
    public async Task the_feeds_page_names_every_feed_the_api_lists_in_the_browser()
    {
        var listed = (await (await server.Http.GetAsync("/feeds")).Read<FeedView[]>()).Select(f => f.Name).ToList();

        await using var browser = await ConsoleBrowser.Open(server.BaseAddress);
        var page = browser.Page;
        await page.GotoAsync("/console/");
        await browser.SignInWithKey(server.OperatorKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Feeds and projections" }).ClickAsync();
        await Assertions.Expect(page.Locator("#feeds")).ToContainTextAsync(ConsoleServer.UnlistedFeed); // no list in the console could have named it
        (await page.Locator("#feeds .feed-name").AllTextContentsAsync()).Should().Equal(listed);
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty("the feeds page passes axe-core");
        await browser.Screenshot("operator-7-feeds");
        browser.Errors.Should().BeEmpty();
    }
}
