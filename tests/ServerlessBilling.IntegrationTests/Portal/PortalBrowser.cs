using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>Headless Chromium from Debian's package (never a downloaded browser), driven by Playwright's bundled driver, started with
/// the flags this machine's closed network needs; screenshots go to <c>TestResults/portal/</c> as the run's artifacts.</summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    /// <summary>Where CI installs Chromium (<c>apt-get install chromium</c>, see .ci/run).</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private PortalBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string Screenshots { get; } = Path.Combine(RepositoryRoot.Find(), "TestResults", "portal");

    public static async Task<PortalBrowser> LaunchAsync()
    {
        File.Exists(Chromium).ShouldBeTrue($"Chromium is not installed at {Chromium}: apt-get install -y chromium (.ci/run does).");
        Directory.CreateDirectory(Screenshots);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new PortalBrowser(playwright, browser);
    }

    /// <summary>The desktop viewport every page is checked at: its tables show every header cell.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <summary>The phone viewport (a current phone's CSS pixels): no page scrolls sideways.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh context (no cookies) at a desktop width, or at a phone's.</summary>
    /// <remarks>Waits are bounded at two minutes rather than Playwright's 30 seconds: the test machines are shared, and a page that
    /// comes late under load is still the page under test. Nothing is timed.</remarks>
    public async Task<IBrowserContext> NewContextAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = phone ? Phone : Desktop,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>Saves a full-page screenshot under <paramref name="name"/> and checks the page with axe-core: no serious or critical violation;
    /// and its layout for the width it is shown at: at a phone's, nothing reaches past the screen; wider, every table header is in view
    /// (<see cref="PageLayout"/>).</summary>
    public static async Task CheckAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        await File.WriteAllTextAsync(Path.Combine(Screenshots, name + ".html"), await page.ContentAsync());
        if (page.ViewportSize is { Width: <= 480 })
        {
            await PageLayout.ShouldFitTheScreenAsync(page, name);
        }
        else
        {
            await PageLayout.ShouldShowEveryHeaderAsync(page, name);
        }

        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")
            .ShouldBeEmpty(name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
