using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>The web client as a user sees it: the login form, the conversation, the message box, the side panel.</summary>
internal sealed class ChatPage(IPage page)
{
    public IPage Page => page;

    public ILocator Status => page.Locator("#status");

    public ILocator WhoAmI => page.Locator("#whoami");

    public ILocator NameInput => page.GetByLabel("Name", new() { Exact = true });

    public ILocator PasswordInput => page.GetByLabel("Password", new() { Exact = true });

    public ILocator LoginButton => page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true });

    public ILocator LoginError => page.Locator("#login-error");

    public ILocator MessageBox => page.Locator("#message-input");

    public ILocator Log => page.Locator("#log");

    /// <summary>Live messages and history items alike.</summary>
    public ILocator Messages => Log.Locator("li.message");

    public ILocator HistoryItems => Log.Locator("li.message.from-history");

    public ILocator Errors => Log.Locator("li.notice.error");

    public ILocator Infos => Log.Locator("li.notice.info");

    public ILocator Announcer => page.Locator("#announcer");

    public ILocator People => page.Locator("#user-list");

    public ILocator Rooms => page.Locator("#room-list");

    public static async Task<ChatPage> OpenAsync(BrowserFixture browser, WebServer server, ViewportSize? viewport = null)
    {
        var page = await browser.NewPageAsync(viewport);
        await page.GotoAsync(server.Url);
        return new ChatPage(page);
    }

    /// <summary>A message shown from <paramref name="sender"/> with exactly <paramref name="text"/>.</summary>
    public ILocator Message(string sender, string text)
        => Messages.Filter(new() { Has = page.Locator(".sender", new() { HasTextRegex = Exactly(sender) }) })
            .Filter(new() { Has = page.Locator(".text", new() { HasTextRegex = Exactly(text) }) });

    /// <summary>Fills the form and presses the button; does not wait for the answer.</summary>
    public async Task SubmitLoginAsync(string name, string? password = null)
    {
        await NameInput.FillAsync(name);
        if (password is not null)
        {
            if (!await PasswordInput.IsVisibleAsync())
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "I have a password" }).ClickAsync();
            }

            await PasswordInput.FillAsync(password);
        }

        await LoginButton.ClickAsync();
    }

    /// <summary>Logs in and waits for the conversation, with the login history shown.</summary>
    public async Task LogInAsync(string name, string? password = null)
    {
        await SubmitLoginAsync(name, password);
        await Expect(WhoAmI).ToHaveTextAsync($"{name} in #lobby");
        await Expect(Log.Locator("li.history-mark").First).ToBeVisibleAsync();
    }

    /// <summary>Types a line into the message box and presses Enter, as a user does.</summary>
    public async Task TypeAsync(string line)
    {
        await MessageBox.FillAsync(line);
        await MessageBox.PressAsync("Enter");
        await Expect(MessageBox).ToBeEmptyAsync();
    }

    private static Regex Exactly(string text) => new("^" + Regex.Escape(text) + "$");
}
