using Microsoft.Playwright;
using Parley.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>Logging in from the browser: refusals shown with their code, the password asked for when the name is registered, the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebLoginTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_taken_name_is_shown_as_an_error_and_another_name_works()
    {
        await using var server = await WebServer.StartAsync();
        await using var bob = await server.LogInTcpAsync("bob");
        var page = await ChatPage.OpenAsync(browser, server);

        await page.SubmitLoginAsync("BOB");

        await Expect(page.LoginError).ToBeVisibleAsync();
        await Expect(page.LoginError).ToHaveTextAsync("The name 'BOB' is taken. Choose another. (name_taken)");
        await Expect(page.NameInput).ToBeFocusedAsync();
        await Expect(page.MessageBox).ToBeHiddenAsync();

        // The connection stays: the next name goes on it.
        await page.LogInAsync("bobby");
        await Expect(page.LoginError).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_registered_name_asks_for_its_password()
    {
        await using var server = await WebServer.StartAsync();
        await using (var carol = await server.LogInTcpAsync("carol"))
        {
            await carol.RequestAsync("register", "carolpassword", ResponseKinds.Info);
        }

        var page = await ChatPage.OpenAsync(browser, server);
        await Expect(page.PasswordInput).ToBeHiddenAsync();
        await page.SubmitLoginAsync("carol");

        await Expect(page.LoginError).ToContainTextAsync("(password_required)");
        await Expect(page.PasswordInput).ToBeFocusedAsync();

        await page.PasswordInput.FillAsync("not her password");
        await page.PasswordInput.PressAsync("Enter");
        await Expect(page.LoginError).ToContainTextAsync("(bad_password)");
        await Expect(page.PasswordInput).ToBeFocusedAsync();

        await page.PasswordInput.FillAsync("carolpassword");
        await page.PasswordInput.PressAsync("Enter");
        await Expect(page.WhoAmI).ToHaveTextAsync("carol in #lobby");
    }

    [Fact]
    public async Task The_keyboard_alone_logs_in_and_sends_with_visible_focus()
    {
        await using var server = await WebServer.StartAsync();
        await using var alice = await server.LogInTcpAsync("alice");
        var page = await ChatPage.OpenAsync(browser, server);
        var keyboard = page.Page.Keyboard;

        await Expect(page.NameInput).ToBeFocusedAsync();
        await keyboard.TypeAsync("keys");
        await keyboard.PressAsync("Enter");

        await Expect(page.MessageBox).ToBeFocusedAsync();
        await keyboard.TypeAsync("typed, not clicked");
        await keyboard.PressAsync("Enter");
        await alice.ReadMessageAsync("typed, not clicked");
        await Expect(page.Message("keys", "typed, not clicked")).ToBeVisibleAsync();

        // ↑ brings back what was sent; Tab goes on to Send, and focus is always drawn.
        await keyboard.PressAsync("ArrowUp");
        await Expect(page.MessageBox).ToHaveValueAsync("typed, not clicked");
        await keyboard.PressAsync("Tab");
        await Expect(page.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true })).ToBeFocusedAsync();
        Assert.Equal("solid", await page.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // Shift+Tab back to the conversation: it takes focus, so it scrolls from the keyboard too.
        await keyboard.PressAsync("Shift+Tab");
        await keyboard.PressAsync("Shift+Tab");
        await Expect(page.Log).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Quit_logs_out_and_returns_to_the_login_form()
    {
        await using var server = await WebServer.StartAsync();
        await using var alice = await server.LogInTcpAsync("alice");
        var page = await ChatPage.OpenAsync(browser, server);
        await page.LogInAsync("leaver");

        await page.TypeAsync("/quit");

        await Expect(page.Page.Locator("#login-note")).ToHaveTextAsync("You logged out.");
        await Expect(page.Status).ToHaveTextAsync("Not connected");
        await alice.SendAsync("names", null);
        await alice.ReadUntilTextAsync(ResponseKinds.Info, "Users in #lobby (1): alice");
    }
}
