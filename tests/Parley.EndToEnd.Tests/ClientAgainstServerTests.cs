using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>The real <c>parley</c> exe in pipe mode against the real server exe.</summary>
public partial class ClientAgainstServerTests
{
    [Fact]
    public async Task Two_clients_chat_through_the_server_and_each_sees_the_other_formatted()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = ChildProcess.StartDotnet(Executables.ClientDll, "127.0.0.1", Port(server));
        await using var bob = ChildProcess.StartDotnet(Executables.ClientDll, "127.0.0.1", Port(server));

        await alice.WriteLineAsync("login alice");
        await alice.WaitForLineAsync(l => l.Contains("end of history", StringComparison.Ordinal));
        await bob.WriteLineAsync("login bob");
        await bob.WaitForLineAsync(l => l.Contains("end of history", StringComparison.Ordinal));

        await bob.WriteLineAsync("hello alice, \u00e6\u00f8\u00e5 \U0001F600");
        var line = await alice.WaitForLineAsync(l => l.Contains("bob:", StringComparison.Ordinal));
        Assert.Matches(MessageLine(), line);
        Assert.EndsWith("bob: hello alice, \u00e6\u00f8\u00e5 \U0001F600", line);

        await alice.WriteLineAsync("/msg hi bob");
        Assert.EndsWith("alice: hi bob", await bob.WaitForLineAsync(l => l.Contains("alice:", StringComparison.Ordinal)));

        await alice.WriteLineAsync("names");
        var names = await alice.WaitForLineAsync(l => l.Contains("Users in #lobby", StringComparison.Ordinal));
        Assert.Contains("alice", names);
        Assert.Contains("bob", names);

        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    [Fact]
    public async Task End_of_input_logs_out_so_the_name_is_free_again()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var first = ChildProcess.StartDotnet(Executables.ClientDll, "127.0.0.1", Port(server));
        await first.WriteLineAsync("login carol");
        await first.WaitForLineAsync(l => l.Contains("end of history", StringComparison.Ordinal));
        first.CloseInput();
        Assert.Equal(0, await first.WaitForExitAsync());

        await using var observer = await WireClient.ConnectAsync(server.Port);
        await observer.LoginAsync("carol");
        await observer.SendAsync("names", null);
        Assert.Equal("Users in #lobby (1): carol", WireClient.Text(await observer.ReadUntilAsync(ResponseKinds.Info)));
    }

    [Fact]
    public async Task Json_mode_prints_every_payload_as_one_raw_json_line_including_history()
    {
        await using var server = await ServerProcess.StartAsync();
        await using (var writer = await WireClient.ConnectAsync(server.Port))
        {
            await writer.LoginAsync("dave");
            await writer.SendAsync("msg", "earlier");
            await writer.ReadUntilAsync(ResponseKinds.Message);
        }

        await using var client = ChildProcess.StartDotnet(Executables.ClientDll, "--json", "127.0.0.1", Port(server));
        await client.WriteLineAsync("login erin");
        var info = JsonDocument.Parse(await client.WaitForLineAsync(l => l.Contains("\"info\"", StringComparison.Ordinal))).RootElement;
        Assert.Equal("Login successful", info.GetProperty("content").GetString());
        var history = JsonDocument.Parse(await client.WaitForLineAsync(l => l.Contains("\"history\"", StringComparison.Ordinal))).RootElement;
        var item = JsonDocument.Parse(history.GetProperty("content")[0].GetString()!).RootElement;
        Assert.Equal("earlier", item.GetProperty("content").GetString());
        client.CloseInput();
        Assert.Equal(0, await client.WaitForExitAsync());
    }

    [Fact]
    public async Task The_client_exits_3_when_the_server_dies()
    {
        var server = await ServerProcess.StartAsync();
        await using var client = ChildProcess.StartDotnet(Executables.ClientDll, "127.0.0.1", Port(server));
        await client.WriteLineAsync("login frank");
        await client.WaitForLineAsync(l => l.Contains("end of history", StringComparison.Ordinal));

        await server.DisposeAsync(); // kills the server process

        Assert.Equal(3, await client.WaitForExitAsync());
    }

    private static string Port(ServerProcess server) => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d\] ")]
    private static partial Regex MessageLine();
}
