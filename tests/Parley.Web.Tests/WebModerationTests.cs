using Microsoft.Playwright;
using Parley.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The moderation controls: shown to a session that may moderate, sending the moderation requests.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebModerationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_moderator_kicks_a_user_and_deletes_a_message_from_the_panel()
    {
        await using var server = await WebServer.StartAsync("--Parley:Moderators:0", "root");
        await using var mallory = await server.LogInTcpAsync("mallory");
        var page = await ChatPage.OpenAsync(browser, server);
        var moderation = page.Page.GetByRole(AriaRole.Region, new() { Name = "Moderation" });
        await page.LogInAsync("root");
        await Expect(moderation).ToBeHiddenAsync();

        // A configured moderator registers the name; from then on the session may moderate.
        await page.TypeAsync("/register rootpassword");
        await Expect(moderation).ToBeVisibleAsync();

        await mallory.SendAsync("msg", "buy cheap watches");
        var spam = await mallory.ReadMessageAsync("buy cheap watches");
        var id = spam.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Message("mallory", "buy cheap watches").Locator(".msg-id")).ToHaveTextAsync("#" + id);
        await moderation.GetByLabel("Delete message number").FillAsync(id);
        await moderation.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.Messages.Filter(new() { HasText = "(removed by a moderator)" })).ToHaveCountAsync(1);
        await mallory.ReadUntilTextAsync(ResponseKinds.Info, $"Message {id} was removed by a moderator.");

        await moderation.GetByLabel("User", new() { Exact = true }).FillAsync("mallory");
        await moderation.GetByLabel("Reason (for kick and ban)").FillAsync("spam");
        await moderation.GetByRole(AriaRole.Button, new() { Name = "Kick", Exact = true }).ClickAsync();

        await mallory.ReadUntilTextAsync(ResponseKinds.Info, "You were kicked by root: spam");
        await Expect(page.Infos.Last).ToContainTextAsync("mallory was kicked by root: spam");
        await Expect(page.People.Locator("li")).ToHaveTextAsync(["root (you)"]);
    }

    [Fact]
    public async Task The_controls_go_away_when_the_server_says_forbidden()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server);
        var moderation = page.Page.GetByRole(AriaRole.Region, new() { Name = "Moderation" });
        await page.LogInAsync("plain");
        await page.TypeAsync("/register plainpassword");
        await Expect(moderation).ToBeVisibleAsync();

        await moderation.GetByRole(AriaRole.Button, new() { Name = "List bans" }).ClickAsync();

        await Expect(page.Errors.Last).ToContainTextAsync("forbidden");
        await Expect(moderation).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_kicked_browser_user_is_told_why_and_not_brought_back()
    {
        await using var server = await WebServer.StartAsync("--Parley:Moderators:0", "root");
        await using var root = await server.LogInTcpAsync("root");
        await root.RequestAsync("register", "rootpassword", ResponseKinds.Info);
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("victim");

        await root.SendAsync("kick", "victim enough");

        await Expect(page.NameInput).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#login-note")).ToHaveTextAsync("You were kicked by root: enough");
        await Expect(page.Status).ToHaveTextAsync("Not connected");
        await Expect(page.NameInput).ToBeFocusedAsync();
    }
}
