using Parley.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The page after its connection drops: it reconnects, logs in again, rejoins its room, and shows nothing twice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebReconnectTests(BrowserFixture browser)
{
    [Fact]
    public async Task After_a_server_restart_the_page_reconnects_logs_in_again_and_rejoins_its_room()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");

        // A registered name: the re-login only works with the password, which the page holds in memory.
        await page.TypeAsync("/register webbypassword");
        await Expect(page.Infos.Last).ToContainTextAsync("The name webby is now registered to you.");
        await page.TypeAsync("/join dev");
        await Expect(page.WhoAmI).ToHaveTextAsync("webby in #dev");
        await page.TypeAsync("said before the restart");
        await Expect(page.Message("webby", "said before the restart")).ToBeVisibleAsync();

        await server.RestartAsync();

        await Expect(page.Log.Locator("li.note", new() { HasText = "Lost the connection; reconnecting." })).ToBeVisibleAsync();
        // Sent at once, whether or not the page is back yet: live, or caught up from the room's history.
        await using var carol = await server.LogInTcpAsync("carol");
        await carol.RequestAsync("join", "dev", ResponseKinds.History);
        await carol.SendAsync("msg", "said after the restart");
        await carol.ReadMessageAsync("said after the restart");

        await Expect(page.Log.Locator("li.note", new() { HasText = "Reconnected as webby." })).ToBeVisibleAsync();
        await Expect(page.Status).ToHaveTextAsync("Connected");
        await Expect(page.WhoAmI).ToHaveTextAsync("webby in #dev");
        await Expect(page.Message("carol", "said after the restart")).ToHaveCountAsync(1);
        await Expect(page.Message("webby", "said before the restart")).ToHaveCountAsync(1);

        // The server agrees: webby is logged in again, in #dev.
        await carol.SendAsync("names", null);
        await carol.ReadUntilTextAsync(ResponseKinds.Info, "Users in #dev (2): carol, webby");

        // And the session works as before.
        await page.TypeAsync("back again");
        await carol.ReadMessageAsync("back again");
        await Expect(page.Message("webby", "back again")).ToHaveCountAsync(1);
    }
}
