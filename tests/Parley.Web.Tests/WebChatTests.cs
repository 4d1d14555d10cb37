using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Parley.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The web client against the real server: a browser user among TCP users.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_browser_user_and_a_tcp_user_chat_both_ways()
    {
        await using var server = await WebServer.StartAsync();
        await using var alice = await server.LogInTcpAsync("alice");
        await alice.SendAsync("msg", "morning, anyone around?");
        await alice.ReadMessageAsync("morning, anyone around?");
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");
        await Expect(page.HistoryItems).ToHaveTextAsync([new Regex("alice: morning, anyone around\\?$")]);

        await page.TypeAsync("hello from the browser");
        var heard = await alice.ReadMessageAsync("hello from the browser");
        Assert.Equal("webby", heard.Property("sender"));
        await Expect(page.Message("webby", "hello from the browser")).ToHaveCountAsync(1);

        await alice.SendAsync("msg", "hello from tcp, \u00e6\u00f8\u00e5 \U0001F600");
        await Expect(page.Message("alice", "hello from tcp, \u00e6\u00f8\u00e5 \U0001F600")).ToBeVisibleAsync();
        await Expect(page.Announcer).ToHaveTextAsync("alice: hello from tcp, \u00e6\u00f8\u00e5 \U0001F600");

        // Direct messages, typed as in the terminal client, and back.
        await page.TypeAsync("/dm alice just for you");
        Assert.Equal("alice", (await alice.ReadMessageAsync("just for you")).Property("to"));
        await alice.SendAsync("dm", "webby and just for you too");
        await Expect(page.Messages.Filter(new() { HasText = "and just for you too" })).ToHaveClassAsync(new Regex(@"\bdirect\b"));

        // The people in the room, from the names the page asked for at login.
        await Expect(page.People.Locator("li")).ToHaveTextAsync([new Regex("^alice"), new Regex("^webby")]);

        await Screenshots.SaveAsync(page.Page, "web-client", forReadme: true);
    }

    [Fact]
    public async Task The_history_appears_after_login()
    {
        await using var server = await WebServer.StartAsync();
        await using (var bob = await server.LogInTcpAsync("bob"))
        {
            await bob.SendAsync("msg", "first words");
            await bob.ReadMessageAsync("first words");
            await bob.SendAsync("msg", "second words");
            await bob.ReadMessageAsync("second words");
        }

        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");

        await Expect(page.Log.Locator("li.history-mark").First).ToHaveTextAsync("Earlier in #lobby: 2 messages");
        await Expect(page.HistoryItems).ToHaveCountAsync(2);
        await Expect(page.HistoryItems.Nth(0)).ToContainTextAsync("bob: first words");
        await Expect(page.HistoryItems.Nth(1)).ToContainTextAsync("bob: second words");
    }

    [Fact]
    public async Task Joining_a_room_shows_its_history_and_talks_there()
    {
        await using var server = await WebServer.StartAsync();
        await using var carol = await server.LogInTcpAsync("carol");
        await carol.RequestAsync("join", "dev", ResponseKinds.History);
        await carol.SendAsync("msg", "the build is green");
        await carol.ReadMessageAsync("the build is green");

        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");

        // The rooms list, asked for at login, offers the room; one click joins it.
        await page.Rooms.GetByRole(AriaRole.Button, new() { Name = "Join #dev" }).ClickAsync();
        await Expect(page.WhoAmI).ToHaveTextAsync("webby in #dev");
        await Expect(page.Page.GetByLabel("Message to #dev")).ToBeVisibleAsync();
        await Expect(page.Message("carol", "the build is green")).ToHaveClassAsync(new Regex(@"\bfrom-history\b"));
        await carol.ReadUntilTextAsync(ResponseKinds.Info, "webby joined #dev");
        await Expect(page.People.Locator("li")).ToHaveTextAsync([new Regex("^carol"), new Regex("^webby")]);

        await page.TypeAsync("hi dev");
        Assert.Equal("dev", (await carol.ReadMessageAsync("hi dev")).Property("room"));

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Leave #dev" }).ClickAsync();
        await Expect(page.WhoAmI).ToHaveTextAsync("webby in #lobby");
        await carol.ReadUntilTextAsync(ResponseKinds.Info, "webby left #dev");
    }

    [Fact]
    public async Task Text_from_the_server_is_shown_as_text_never_as_markup()
    {
        await using var server = await WebServer.StartAsync();
        await using var mallory = await server.LogInTcpAsync("mallory");
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");

        const string Markup = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
        await mallory.SendAsync("msg", Markup);

        await Expect(page.Message("mallory", Markup)).ToBeVisibleAsync();
        await Expect(page.Log.Locator("img, b")).ToHaveCountAsync(0);
        await Expect(page.Page).ToHaveTitleAsync("Parley");
    }

    [Fact]
    public async Task Server_errors_in_the_conversation_carry_their_code()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("webby");

        await page.TypeAsync("/dm nobody hello?");
        await Expect(page.Errors.Last).ToContainTextAsync("not_found");
        await Expect(page.Errors.Last).ToContainTextAsync("No user named 'nobody' is logged in.");
        await Expect(page.Announcer).ToHaveTextAsync("Error not_found: No user named 'nobody' is logged in.");

        await page.TypeAsync("/frobnicate now");
        await Expect(page.Errors.Last).ToContainTextAsync("unknown_request");
    }
}
