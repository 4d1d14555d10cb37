using Microsoft.Playwright;

namespace Parley.Web.Tests;

/// <summary>
/// One headless Debian chromium for every browser test (<c>/usr/bin/chromium</c>, or <c>PARLEY_CHROMIUM</c>),
/// driven by Playwright; each test gets a fresh context of its own. Playwright never downloads a browser here:
/// the executable is given, and <c>PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD</c> is set for the driver.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("PARLEY_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"No chromium at {chromium}: scripts/test.sh installs Debian's (apt-get install chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        // Long enough for a server restart and the page's reconnect backoff on a busy two-core machine; each
        // assertion still returns as soon as what it waits for is there.
        Assertions.SetDefaultExpectTimeout((float)Timeouts.Page.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // This machine has no network beyond loopback: the background services would only knock in vain.
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh context (no shared storage) and a page at <paramref name="viewport"/> (a laptop window by default).</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 720 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout((float)Timeouts.Page.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The browser tests share one chromium and run one at a time: each starts a server of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
