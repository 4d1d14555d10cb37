using Microsoft.Playwright;
using Parley.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The page after its connection drops: it reconnects, logs in again, rejoins its room, and shows nothing twice.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebReconnectTests(BrowserFixture browser)
{
    // While set, the page's WebSocket attempts are closed at once, as if the server could not be reached.
    private volatile bool _unreachable;
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

    [Fact]
    public async Task After_a_drop_the_missed_messages_appear_once_under_a_note_and_what_was_typed_meanwhile_is_sent()
    {
        await using var server = await WebServer.StartAsync();
        await using var carol = await server.LogInTcpAsync("carol");

        // Every WebSocket of the page goes through the test, which can cut it and keep it from coming back.
        var connections = new List<IWebSocketRoute>();
        var tab = await browser.NewPageAsync();
        await tab.RouteWebSocketAsync(url => url.EndsWith("/ws", StringComparison.Ordinal), page =>
        {
            if (_unreachable)
            {
                _ = page.CloseAsync();
                return;
            }

            lock (connections)
            {
                connections.Add(page.ConnectToServer());
            }
        });
        await tab.GotoAsync(server.Url);
        var page = new ChatPage(tab);
        await page.LogInAsync("webby");
        await page.TypeAsync("seen before the drop");
        await carol.ReadMessageAsync("seen before the drop");

        _unreachable = true;
        IWebSocketRoute first;
        lock (connections)
        {
            first = Assert.Single(connections);
        }

        await first.CloseAsync(); // the server's side: webby is logged out there, and the page sees the drop
        await Expect(page.Log.Locator("li.note", new() { HasText = "Lost the connection; reconnecting." })).ToBeVisibleAsync();

        await carol.SendAsync("msg", "said while you were away");
        await carol.ReadMessageAsync("said while you were away");
        await page.TypeAsync("typed while away");
        await Expect(page.Log.Locator("li.note", new() { HasText = "Pending until reconnected: typed while away" })).ToBeVisibleAsync();

        _unreachable = false;
        await Expect(page.Log.Locator("li.note", new() { HasText = "— 1 message you missed —" })).ToBeVisibleAsync();
        await Expect(page.Message("carol", "said while you were away")).ToHaveCountAsync(1);
        await Expect(page.Message("webby", "seen before the drop")).ToHaveCountAsync(1);
        await carol.ReadMessageAsync("typed while away");
        await Expect(page.Message("webby", "typed while away")).ToHaveCountAsync(1);
    }
}
