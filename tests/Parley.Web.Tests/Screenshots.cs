using Microsoft.Playwright;
using Parley.EndToEnd.Tests;

namespace Parley.Web.Tests;

/// <summary>
/// Screenshots taken during the run go to TestResults/ at the repository root (beside the test reports).
/// With <c>PARLEY_UPDATE_SCREENSHOT=1</c> the one for the README is also written to docs/web-client.png.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, bool forReadme = false)
    {
        var root = Executables.RepositoryRoot;
        var results = Path.Combine(root, "TestResults");
        Directory.CreateDirectory(results);
        var bytes = await page.ScreenshotAsync(new() { Path = Path.Combine(results, name + ".png") });
        Assert.NotEmpty(bytes);
        if (forReadme && Environment.GetEnvironmentVariable("PARLEY_UPDATE_SCREENSHOT") == "1")
        {
            await File.WriteAllBytesAsync(Path.Combine(root, "docs", "web-client.png"), bytes);
        }
    }
}
