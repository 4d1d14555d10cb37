using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The full-screen UI of the real <c>parley</c> exe in an 80x24 tmux pane, against the real server exe, while
/// another client (<see cref="WireClient"/>) talks. Rows are 0-based: 22 is the status line, 23 the input line.
/// </summary>
public class FullScreenClientTests
{
    private const int Width = 80;
    private const int Height = 24;

    // SenderColors.For("bob"): FNV-1a of the name onto the palette; a fixed value so a change of scheme is noticed.
    private const string BobColor = "38;5;172";

    [Fact]
    public async Task Messages_appear_above_in_order_with_the_senders_colour_while_the_half_typed_line_stays_intact()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");

        await terminal.TypeAsync("half typed æøå");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");
        foreach (var text in new[] { "one", "two", "three", "four" })
        {
            await bob.SendAsync("msg", text);
        }

        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("bob: four", StringComparison.Ordinal)));
        Assert.Equal(Height, screen.Length - 1);
        Assert.Equal("alice@#lobby> half typed æøå", screen[Height - 1]);
        Assert.Contains($"127.0.0.1:{server.Port}", screen[Height - 2], StringComparison.Ordinal);
        Assert.Contains("alice", screen[Height - 2], StringComparison.Ordinal);
        Assert.Contains("#lobby", screen[Height - 2], StringComparison.Ordinal);
        var rows = new[] { "one", "two", "three", "four" }.Select(t => Array.FindIndex(screen, l => l.EndsWith("bob: " + t, StringComparison.Ordinal))).ToArray();
        Assert.Equal(Enumerable.Range(Height - 6, 4), rows);

        var colored = await terminal.CaptureWithEscapesAsync();
        // tmux re-encodes the attributes it stores (a background reset may follow the colour); the colour comes before the name.
        Assert.All(rows, row => Assert.Matches($@"\e\[{BobColor}m(\e\[[0-9;]*m)*bob", colored[row]));

        await terminal.PressAsync("Enter");
        Assert.Equal("half typed æøå", await NextMessageTextAsync(bob, "alice"));
    }

    [Fact]
    public async Task Tab_completes_a_command_and_a_name_and_up_recalls_the_previous_line()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");
        await bob.SendAsync("msg", "anyone here?");
        await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("bob: anyone here?", StringComparison.Ordinal)));

        await terminal.TypeAsync("/na");
        await terminal.PressAsync("Tab");
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "alice@#lobby> /names");
        await terminal.PressAsync("C-u");
        await terminal.TypeAsync("b");
        await terminal.PressAsync("Tab");
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "alice@#lobby> bob:");
        await terminal.TypeAsync("yes, me");
        await terminal.PressAsync("Enter");
        Assert.Equal("bob: yes, me", await NextMessageTextAsync(bob, "alice"));
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "alice@#lobby>");

        await terminal.PressAsync("Up");
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "alice@#lobby> bob: yes, me");
    }

    [Fact]
    public async Task After_a_resize_the_layout_fits_the_new_size()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");
        await terminal.TypeAsync("still here");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");
        var longText = string.Join(' ', Enumerable.Range(1, 20).Select(i => "word" + i));
        await bob.SendAsync("msg", longText);
        await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("word20", StringComparison.Ordinal)));

        await terminal.ResizeAsync(50, 16);

        // A capture can catch the redraw half done (the prompt already at the new size, the message not yet
        // rewrapped): wait for the whole new frame, then check it.
        var screen = await terminal.WaitForScreenAsync(s => s.Length - 1 == 16 && s[15] == "alice@#lobby> still here"
            && s[14].Contains("#lobby", StringComparison.Ordinal) && MessageAboveStatus(s));
        Assert.All(screen, l => Assert.True(l.Length <= 50, l));
        Assert.True(MessageAboveStatus(screen), string.Join('\n', screen));
    }

    /// <summary>Bob's long message is on screen whole, rewrapped, above the status line (row 14).</summary>
    private static bool MessageAboveStatus(string[] screen)
    {
        var first = Array.FindIndex(screen, l => l.Contains("bob: word1 ", StringComparison.Ordinal));
        var last = Array.FindIndex(screen, l => l.EndsWith("word20", StringComparison.Ordinal));
        return first >= 0 && last > first && last < 14;
    }

    [Fact]
    public async Task Non_ascii_text_round_trips_on_screen()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");

        await terminal.TypeAsync("blåbærsyltetøy 😀 日本語");
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "alice@#lobby> blåbærsyltetøy 😀 日本語");
        await terminal.PressAsync("Enter");
        Assert.Equal("blåbærsyltetøy 😀 日本語", await NextMessageTextAsync(bob, "alice"));
        await bob.SendAsync("msg", "ÆØÅ 🎉 中文 ok");

        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("bob: ÆØÅ 🎉 中文 ok", StringComparison.Ordinal)));
        Assert.Contains(screen, l => l.EndsWith("alice: blåbærsyltetøy 😀 日本語", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paste_of_many_lines_asks_first_and_a_few_lines_are_sent()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");

        // One send-keys: the lines arrive at once, as from a paste.
        await terminal.TypeAsync(string.Concat(Enumerable.Range(1, 7).Select(i => $"pasted {i}\n")));
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "Send 7 lines? [y/N]");
        await terminal.TypeAsync("n");
        await terminal.WaitForScreenAsync(s => s.Any(l => l.Contains("Paste cancelled", StringComparison.Ordinal)));

        await terminal.TypeAsync("small 1\nsmall 2\n");
        Assert.Equal("small 1", await NextMessageTextAsync(bob, "alice"));
        Assert.Equal("small 2", await NextMessageTextAsync(bob, "alice"));
    }

    [Fact]
    public async Task A_confirmed_paste_is_paced_under_the_servers_default_flood_limit_so_every_line_arrives()
    {
        // The server's own defaults (a burst of 5 messages, then 2 per second), not the tests' generous ones.
        await using var server = await ServerProcess.StartAsync("--message-burst", "5", "--message-rate", "2");
        await using var terminal = await StartClientAsync(server);
        await LogInAsync(terminal, "alice");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");

        await terminal.TypeAsync(string.Concat(Enumerable.Range(1, 8).Select(i => $"line {i}\n")));
        await terminal.WaitForScreenAsync(s => s[Height - 1] == "Send 8 lines? [y/N]");
        await terminal.TypeAsync("y");

        foreach (var i in Enumerable.Range(1, 8))
        {
            Assert.Equal($"line {i}", await NextMessageTextAsync(bob, "alice"));
        }

        Assert.DoesNotContain(await terminal.CaptureAsync(), l => l.Contains("too fast", StringComparison.Ordinal));
    }

    private static Task<TmuxSession> StartClientAsync(ServerProcess server)
        => TmuxSession.StartAsync($"dotnet {Executables.ClientDll} 127.0.0.1 {server.Port}", Width, Height);

    private static async Task LogInAsync(TmuxSession terminal, string name)
    {
        await terminal.WaitForScreenAsync(s => s[Height - 1] == ">");
        await terminal.TypeAsync("login " + name);
        await terminal.PressAsync("Enter");
        await terminal.WaitForScreenAsync(s => s.Any(l => l.Contains("end of history", StringComparison.Ordinal)) && s[Height - 1] == name + "@#lobby>");
    }

    /// <summary>The text of the next chat message from <paramref name="sender"/> that <paramref name="reader"/> receives.</summary>
    private static async Task<string> NextMessageTextAsync(WireClient reader, string sender)
    {
        while (true)
        {
            var message = await reader.ReadUntilAsync(ResponseKinds.Message);
            if (message.GetProperty("sender").GetString() == sender)
            {
                return WireClient.Text(message);
            }
        }
    }
}
