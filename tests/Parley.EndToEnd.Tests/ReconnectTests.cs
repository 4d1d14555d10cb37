using System.Text.Json;
using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>
/// The real <c>parley</c> in a real terminal (tmux) while the real server is killed and started again on the
/// same port and database: the client notices, reconnects, logs in and rejoins by itself, shows what was said
/// meanwhile, and delivers what was typed during the outage. Assertions use names and message texts only, so
/// they hold whatever the screen layout becomes.
/// </summary>
public sealed class ReconnectTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-e2e-");

    private string[] Arguments => ["--db", Path.Combine(_directory.FullName, "parley.db")];

    [Fact]
    public async Task After_the_server_is_restarted_the_client_reconnects_and_logs_in_again_by_itself()
    {
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(port, Arguments);
        // A short first delay keeps the test quick; the doubling is the same as with the default 1 s.
        await using var terminal = await TmuxSession.StartAsync(
            $"NO_COLOR=1 PARLEY_RECONNECT_BASE_MS=100 dotnet {Executables.ClientDll} 127.0.0.1 {port}", height: 60);
        await TypeLineAsync(terminal, "login alice");
        await terminal.WaitForScreenAsync(s => Has(s, "end of history"));
        await TypeLineAsync(terminal, "/join dev");
        await terminal.WaitForScreenAsync(s => Has(s, "You joined #dev"));
        await TypeLineAsync(terminal, "said before the restart");
        await terminal.WaitForScreenAsync(s => Has(s, "alice: said before the restart"));

        await server.DisposeAsync();
        await terminal.WaitForScreenAsync(s => Has(s, "lost the connection"));
        await TypeLineAsync(terminal, "typed while down");
        await terminal.WaitForScreenAsync(s => Has(s, "Pending until reconnected: typed while down"));

        await using var restarted = await ServerProcess.StartAsync(port, Arguments);
        await using var bob = await WireClient.ConnectAsync(port);
        await bob.LoginAsync("bob");
        await bob.RequestAsync("join", "dev", ResponseKinds.History);
        await bob.SendAsync("msg", "sent while you were away");

        // On the screen first: a timeout there shows the whole screen, the best clue to what went wrong.
        var screen = await terminal.WaitForScreenAsync(s => Has(s, "bob: sent while you were away") && Has(s, "alice: typed while down"));

        // Alice's line from the outage is in #dev, from her: she logged in again and rejoined by herself. (Read
        // from the room's history: she may have been back, and sent it, before bob joined.)
        var history = await bob.RequestAsync("history", null, ResponseKinds.History);
        var items = history.GetProperty("content").EnumerateArray().Select(i => JsonDocument.Parse(i.GetString()!).RootElement.Clone()).ToList();
        var message = Assert.Single(items, i => i.GetProperty("content").GetString() == "typed while down");
        Assert.Equal("alice", message.GetProperty("sender").GetString());
        Assert.Equal("dev", message.GetProperty("room").GetString());
        Assert.Contains("alice", WireClient.Text(await bob.RequestAsync("names", null, ResponseKinds.Info)), StringComparison.Ordinal);

        Assert.Equal(1, screen.Count(l => l.Contains("alice: said before the restart", StringComparison.Ordinal)));
        Assert.Equal(1, screen.Count(l => l.Contains("bob: sent while you were away", StringComparison.Ordinal)));

        await terminal.PressAsync("C-c");
        await terminal.WaitForExitAsync();
    }

    public void Dispose()
    {
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server process may still hold the file for a moment; the OS cleans /tmp.
        }
    }

    private static bool Has(string[] screen, string text) => screen.Any(l => l.Contains(text, StringComparison.Ordinal));

    private static async Task TypeLineAsync(TmuxSession terminal, string line)
    {
        await terminal.TypeAsync(line);
        await terminal.PressAsync("Enter");
    }
}
