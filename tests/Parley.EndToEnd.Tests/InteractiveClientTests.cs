using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>The real <c>parley</c> exe in a real terminal (tmux) against the real server exe.</summary>
public class InteractiveClientTests
{
    [Fact]
    public async Task A_message_arriving_while_typing_appears_above_and_the_half_typed_line_stays_intact()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await TmuxSession.StartAsync($"NO_COLOR=1 dotnet {Executables.ClientDll} 127.0.0.1 {server.Port}");
        await terminal.TypeAsync("login alice");
        await terminal.PressAsync("Enter");
        await terminal.WaitForScreenAsync(screen => screen.Any(l => l.Contains("end of history", StringComparison.Ordinal)));

        await terminal.TypeAsync("half typed");
        await using var bob = await WireClient.ConnectAsync(server.Port);
        await bob.LoginAsync("bob");
        await bob.SendAsync("msg", "interrupting you");

        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.EndsWith("bob: interrupting you", StringComparison.Ordinal)));
        var rows = screen.Where(l => l.Length > 0).ToList();
        var messageRow = rows.FindIndex(l => l.EndsWith("bob: interrupting you", StringComparison.Ordinal));
        // The full-screen UI: the message, the status line, then the input line at the bottom.
        Assert.Equal(rows.Count - 3, messageRow);
        Assert.EndsWith("half typed", rows[^1]);

        await terminal.PressAsync("Enter");
        var echoed = await bob.ReadUntilAsync(ResponseKinds.Message);
        while (WireClient.Text(echoed) != "half typed")
        {
            echoed = await bob.ReadUntilAsync(ResponseKinds.Message);
        }

        Assert.Equal("alice", echoed.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task Ctrl_c_logs_out_and_quits()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var terminal = await TmuxSession.StartAsync($"NO_COLOR=1 dotnet {Executables.ClientDll} 127.0.0.1 {server.Port}");
        await terminal.TypeAsync("login carol");
        await terminal.PressAsync("Enter");
        await terminal.WaitForScreenAsync(screen => screen.Any(l => l.Contains("end of history", StringComparison.Ordinal)));

        await terminal.PressAsync("C-c");
        await terminal.WaitForExitAsync();

        // The name is free again: the client logged out before it quit.
        await using var observer = await WireClient.ConnectAsync(server.Port);
        await observer.LoginAsync("carol");
    }
}
