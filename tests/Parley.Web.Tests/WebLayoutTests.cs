using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>A phone-sized screen: one column, nothing wider than the screen, the side panel opened on demand.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task On_a_narrow_screen_the_side_panel_opens_over_the_chat_and_closes_with_escape()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server, new ViewportSize { Width = 360, Height = 740 });
        await page.LogInAsync("phone");
        await page.TypeAsync("a long line that has to wrap on a small screen rather than push the page sideways");

        var toggle = page.Page.GetByRole(AriaRole.Button, new() { Name = "Rooms & people" });
        var panel = page.Page.GetByRole(AriaRole.Complementary, new() { Name = "Rooms, people and moderation" });
        await Expect(panel).ToBeHiddenAsync();
        await Expect(page.MessageBox).ToBeInViewportAsync();
        Assert.True(await page.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await toggle.ClickAsync();
        await Expect(panel).ToBeVisibleAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.People).ToContainTextAsync("phone (you)");
        await Screenshots.SaveAsync(page.Page, "web-client-phone");

        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToBeHiddenAsync();
        await Expect(toggle).ToBeFocusedAsync();

        // The panel covers the screen, so it has its own way out for a finger.
        await page.Page.Keyboard.PressAsync("Enter");
        var close = panel.GetByRole(AriaRole.Button, new() { Name = "Close" });
        await Expect(close).ToBeFocusedAsync();
        await close.ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
