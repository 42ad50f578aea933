using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace MicroEvents.IntegrationTests.WebConsole;

/// <summary>
/// Debian's Chromium driven by Playwright (launched by path, no browser download; CHROMIUM_PATH overrides), one page
/// that remembers every console error and uncaught exception, screenshots under TestResults/console/, and the
/// axe-core audit (axe.min.js from tools/contracts/node_modules, installed by npm ci).
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    private static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string Screenshots => Path.Combine(Repository.Root(), "TestResults", "console");

    private static string Axe => Path.Combine(Repository.Root(), "tools", "contracts", "node_modules", "axe-core", "axe.min.js");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    public IPage Page { get; }

    /// <summary>Console errors and page errors seen so far (a failed request is one too: Chromium logs it).</summary>
    public List<string> Errors { get; } = [];

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        (_playwright, _browser, Page) = (playwright, browser, page);
        page.Console += (_, m) => { if (m.Type == "error") Errors.Add(m.Text); };
        page.PageError += (_, e) => Errors.Add(e);
    }

    public static async Task<ConsoleBrowser> Open(Uri baseAddress, int width = 1100, int height = 900)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"], // runs as root in CI
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = baseAddress.ToString(), AcceptDownloads = true });
        return new ConsoleBrowser(playwright, browser, await context.NewPageAsync());
    }

    public async Task Screenshot(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Screenshots);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now (rule id: what and where).</summary>
    public async Task<IReadOnlyList<string>> SeriousAccessibilityFindings()
    {
        File.Exists(Axe).Should().BeTrue($"axe-core is installed by `npm ci` in tools/contracts ({Axe})");
        // Evaluated through the DevTools protocol, which the console's strict CSP (no inline script) does not govern.
        await Page.EvaluateAsync(await File.ReadAllTextAsync(Axe) + "\n;true");
        var findings = await Page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'], iframes: false })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        return findings;
    }

    /// <summary>Elements reaching past the right edge of the screen, outside a box that scrolls on its own (tables do).</summary>
    public Task<string[]> WiderThanTheScreen() => Page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.scroll'))
          .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
        """);

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus, as a keyboard-only user would; false if it never does.</summary>
    public async Task<bool> TabTo(ILocator target, int presses = 60, bool backwards = false)
    {
        for (var i = 0; i < presses; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return true;
            await Page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        return await target.EvaluateAsync<bool>("e => e === document.activeElement");
    }

    /// <summary>Whether the focused element is drawn with a visible focus ring (an outline).</summary>
    public Task<bool> FocusIsVisible() =>
        Page.EvaluateAsync<bool>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }");

    /// <summary>Signs in on the sign-in page with an API key, from the keyboard.</summary>
    public async Task SignInWithKey(string key)
    {
        var field = Page.GetByLabel("Operator or analyst API key");
        (await TabTo(field)).Should().BeTrue("the key field is reachable with Tab");
        await Page.Keyboard.TypeAsync(key);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Drops");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
