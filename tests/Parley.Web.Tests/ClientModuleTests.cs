using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests;

/// <summary>
/// The page's own modules, run in the browser that serves them: how the reader copes with what other servers
/// send (the protocol's tolerance rules), and how typed lines become requests. Our server sends none of the
/// odd shapes, so they are fed in directly.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClientModuleTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_reader_tolerates_other_servers_habits_and_shows_unknown_kinds_as_info()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server);
        await Expect(page.NameInput).ToBeVisibleAsync();

        var results = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { readMessage } = await import(new URL('js/reader.js', document.baseURI).href);
              const { noticeText } = await import(new URL('js/format.js', document.baseURI).href);
              const show = e => [e.kind, e.sender ?? '-', e.kind === 'history' ? e.history.map(i => `${i.sender}:${i.text}`).join(',') : noticeText(e)].join('|');
              return [
                '{"Response":"Names","Content":["alice","bob"]}',
                '{"response":"MSG","name":"carol","content":"hi","timestamp":1700000000}',
                '{"response":"history","content":"{\\"sender\\":\\"dan\\",\\"content\\":\\"old\\"}"}',
                '[{"sender":"eve","content":"bare array"}]',
                '{"response":"info","sender":"[Server]","content":{"odd":true}}',
                'not json at all',
                '{"response":"message","sender":"x","content":"one"}{"response":"message","sender":"y","content":"two"}',
              ].flatMap(text => readMessage(text)).map(show);
            }
            """);

        Assert.Equal(
            [
                "other|-|Names (2): alice, bob",
                "message|carol|hi",
                "history|-|dan:old",
                "history|-|eve:bare array",
                "info|-|{\"odd\":true}",
                "raw|-|not json at all",
                "message|x|one",
                "message|y|two",
            ],
            results);
    }

    [Fact]
    public async Task Typed_lines_become_the_same_requests_as_in_the_terminal_client()
    {
        await using var server = await WebServer.StartAsync();
        var page = await ChatPage.OpenAsync(browser, server);
        await Expect(page.NameInput).ToBeVisibleAsync();

        var results = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { parseCommand, maskSecrets } = await import(new URL('js/commands.js', document.baseURI).href);
              const show = c => c.action === 'send' ? `${c.request}:${c.content ?? 'null'}` : c.action;
              return [
                show(parseCommand('/join dev', true)),
                show(parseCommand('/DM bob  hi there ', true)),
                show(parseCommand('hello', true)),
                show(parseCommand('names', true)),
                show(parseCommand('names of things', true)),
                show(parseCommand('//slash first', true)),
                show(parseCommand('/quit', true)),
                show(parseCommand('hello', false)),
                maskSecrets('/login bob my secret'),
              ];
            }
            """);

        Assert.Equal(
            ["join:dev", "dm:bob  hi there", "msg:hello", "names:null", "msg:names of things", "msg:/slash first", "quit", "hint", "/login bob ** ******"],
            results);
    }
}
