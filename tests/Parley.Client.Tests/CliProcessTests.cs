using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Parley.Client.Tests.Peers;

namespace Parley.Client.Tests;

/// <summary>The real <c>parley</c> process in pipe mode against peer servers: output, what it sends, exit codes.</summary>
public class CliProcessTests
{
    [Fact]
    public async Task Pipe_mode_prints_each_response_and_logs_out_at_end_of_input()
    {
        await using var server = new PeerServer(PeerHabits.NoDelimiter);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WriteLineAsync("names");
        await parley.WriteLineAsync("hello there");
        await parley.WaitForLineAsync("alice: hello there");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        var output = parley.Output;
        Assert.Contains(output, l => l.EndsWith("] *** Login successful", StringComparison.Ordinal));
        var header = output.ToList().IndexOf("--- history (2 messages) ---");
        Assert.True(header >= 0, string.Join("\n", output));
        Assert.EndsWith("] bob: old one", output[header + 1], StringComparison.Ordinal);
        Assert.EndsWith("] carol: old two", output[header + 2], StringComparison.Ordinal);
        Assert.Equal("--- end of history ---", output[header + 3]);
        Assert.Contains(output, l => l.EndsWith("*** Users: alice", StringComparison.Ordinal));
        Assert.Contains(output, l => l.EndsWith("*** Bye", StringComparison.Ordinal));
        Assert.Empty(parley.Errors);

        Assert.Equal(["login", "names", "msg", "logout"], server.Requests.Select(r => r.Request));
        Assert.Equal(
            [
                "{\"request\":\"login\",\"content\":\"alice\"}",
                "{\"request\":\"names\",\"content\":null}",
                "{\"request\":\"msg\",\"content\":\"hello there\"}",
                "{\"request\":\"logout\",\"content\":null}",
            ],
            server.Requests.Select(r => r.Line));

        // A slow reader may find two writes in one recv(); a request is never split across writes, though.
        Assert.All(server.Chunks, chunk => Assert.EndsWith("\n", chunk, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipe_mode_against_a_pretty_printing_peer_shows_names_as_a_list()
    {
        await using var server = new PeerServer(PeerHabits.PrettyPrinted);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("/login alice");
        await parley.WriteLineAsync("/names");
        await parley.WaitForLineAsync("*** names (2): alice, bob");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Contains("[13:02:51] *** Login successful", parley.Output);
        Assert.Contains("bob: old one", parley.Output);
        Assert.Contains("[13:02:51] carol: old two", parley.Output);
        Assert.Contains("[13:02:51] *** Logout: Goodbye", parley.Output);
    }

    [Fact]
    public async Task Pipe_mode_against_a_history_first_peer()
    {
        await using var server = new PeerServer(PeerHabits.HistoryFirst);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WriteLineAsync("hi all");
        await parley.WaitForLineAsync("[13:02:07] alice: hi all");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Contains("bob: old one", parley.Output); // a plain-string item has no timestamp of its own
        Assert.Contains("[13:02:06] *** login: Welcome alice", parley.Output);
        Assert.Equal(2, parley.Output.Count(l => l.StartsWith("--- history (1 message)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Json_mode_prints_each_payload_as_one_compact_line()
    {
        await using var server = new PeerServer(PeerHabits.PrettyPrinted);
        await using var parley = ParleyProcess.Start("--json", "127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WaitForLineAsync("\"History\"");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.All(parley.Output, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains("{\"response\":\"Info\",\"sender\":\"Server\",\"content\":\"Login successful\",\"timestamp\":\"Wed Nov 25 13:02:51 2026\"}", parley.Output);
    }

    [Fact]
    public async Task Plain_text_before_login_is_not_sent_and_end_of_input_without_login_sends_nothing()
    {
        await using var server = new PeerServer(PeerHabits.NoDelimiter);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("hello?");
        await parley.WriteLineAsync("help");
        await parley.WaitForLineAsync("*** help");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Contains(parley.Output, l => l.Contains("Not logged in", StringComparison.Ordinal));
        Assert.Equal(["help"], server.Requests.Select(r => r.Request));
    }

    [Fact]
    public async Task The_client_sends_no_unadvertised_extension_of_its_own()
    {
        await using var server = new PeerServer(PeerHabits.NoHistory);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WaitForLineAsync("old two");
        parley.CloseInput();

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Equal(["login", "logout"], server.Requests.Select(r => r.Request));
    }

    [Fact]
    public async Task Exit_code_2_when_nothing_listens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await using var parley = ParleyProcess.Start("127.0.0.1", port.ToString());

        Assert.Equal(2, await parley.WaitForExitAsync());
        var error = Assert.Single(parley.Errors);
        Assert.StartsWith("parley: cannot connect to 127.0.0.1:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_code_3_when_the_server_drops_the_connection()
    {
        await using var server = new PeerServer(PeerHabits.DropsAfterLogin);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        // Input stays open: the server closing first is a lost connection.
        await parley.WriteLineAsync("login alice");

        Assert.Equal(3, await parley.WaitForExitAsync());
        Assert.Contains(parley.Output, l => l.EndsWith("*** Login successful", StringComparison.Ordinal));
        Assert.Contains(parley.Errors, l => l.Contains("closed the connection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exit_code_0_when_the_server_closes_after_our_logout()
    {
        await using var server = new PeerServer(PeerHabits.NoDelimiter);
        await using var parley = ParleyProcess.Start("127.0.0.1", server.Port.ToString());

        await parley.WriteLineAsync("login alice");
        await parley.WriteLineAsync("logout");

        // Input still open: the close follows our own logout, so it is normal.
        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Empty(parley.Errors);
    }

    [Fact]
    public async Task Help_prints_usage_and_exits_0()
    {
        await using var parley = ParleyProcess.Start("--help");

        Assert.Equal(0, await parley.WaitForExitAsync());
        Assert.Contains(parley.Output, l => l.StartsWith("Usage: parley", StringComparison.Ordinal));
    }
}
