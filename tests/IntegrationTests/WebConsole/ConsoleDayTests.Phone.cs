using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// The whole console on a phone (390 px wide) and from the keyboard alone: every page of both roles fits the screen,
/// passes axe-core, is reached with Tab and Enter with a visible focus ring, puts the focus on the new page, and the
/// skip link skips to the content instead of leaving the page. Screenshots: TestResults/console/phone-*.png.
/// </summary>
public partial class ConsoleDayTests
{
    private static readonly string[] OperatorPages = ["Drops", "Create a drop", "Venue nodes", "Fulfilment", "Settlement", "Feeds and projections", "API keys"];

    [Fact]
    public async Task every_console_page_fits_a_phone_and_works_from_the_keyboard_alone()
    {
        await using var browser = await ConsoleBrowser.Open(server.BaseAddress, width: 390, height: 844);
        var page = browser.Page;
        await page.GotoAsync("/console/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await FitsAndPasses(browser, "phone-0-sign-in");

        await browser.SignInWithKey(server.OperatorKey);
        await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync(); // after signing in, the focus is on the drops, not lost
        await FitsAndPasses(browser, "phone-1-drops");
        var number = 2;
        foreach (var name in OperatorPages.Skip(1))
        {
            // Back up to the navigation from wherever the focus is (the content of the page before), as a keyboard user does.
            var link = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            (await browser.TabTo(link, backwards: true)).Should().BeTrue($"the {name} link is reachable with Shift+Tab");
            (await browser.FocusIsVisible()).Should().BeTrue($"the focused {name} link shows a focus ring");
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name);
            await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync(); // the new page's content has the focus, not the body
            await FitsAndPasses(browser, $"phone-{number++}-{name.ToLowerInvariant().Replace(' ', '-')}");
        }

        // The skip link skips to the content of this page; it does not navigate away (the console routes by #hash).
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to the content" });
        (await browser.TabTo(skip, backwards: true)).Should().BeTrue("the skip link is the first stop");
        (await skip.BoundingBoxAsync())!.X.Should().BeGreaterThanOrEqualTo(0, "a focused skip link is on the screen");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("API keys");
        await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync();
        page.Url.Should().EndWith("#/keys", "the page's address stays");
        browser.Errors.Should().BeEmpty();
    }

    private static async Task FitsAndPasses(ConsoleBrowser browser, string screenshot)
    {
        (await browser.WiderThanTheScreen()).Should().BeEmpty($"{screenshot}: nothing is wider than a phone (wide tables scroll in their own box)");
        (await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, $"{screenshot} does not scroll sideways");
        (await browser.SeriousAccessibilityFindings()).Should().BeEmpty($"{screenshot} passes axe-core");
        await browser.Screenshot(screenshot);
    }
}
