using Parley.Protocol;

namespace Parley.EndToEnd.Tests;

/// <summary>The real server exe: flags, configuration, and graceful shutdown.</summary>
public class ServerProcessTests
{
    [Fact]
    public async Task Help_lists_the_flags_with_their_defaults_and_exits_zero()
    {
        await using var process = ChildProcess.StartDotnet(Executables.ServerDll, "--help");

        var output = string.Join('\n', await process.ReadToEndAsync());

        Assert.Equal(0, await process.WaitForExitAsync());
        Assert.Contains("--host", output);
        Assert.Contains("--port", output);
        Assert.Contains("[9998]", output);
        Assert.Contains("[0.0.0.0]", output);
        Assert.Contains("--http-port <value>", output);
        Assert.Contains("[8080]", output);
    }

    [Fact]
    public async Task The_http_port_serves_healthz_from_the_executable()
    {
        await using var server = await ServerProcess.StartAsync("--http-port", "-1");
        var line = await server.Process.WaitForLineAsync(l => l.Contains("HTTP on http://", StringComparison.Ordinal));
        var address = line[line.IndexOf("http://", StringComparison.Ordinal)..line.IndexOf(": web client", StringComparison.Ordinal)];
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(15) };

        using var response = await http.GetAsync("healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Healthy\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_tells_every_client_the_server_is_shutting_down_then_exits_zero()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var alice = await WireClient.ConnectAsync(server.Port);
        await using var lurker = await WireClient.ConnectAsync(server.Port);
        await alice.LoginAsync("alice");
        await lurker.SendAsync("help", null);
        await lurker.ReadUntilAsync(ResponseKinds.Info);

        server.Process.Terminate();

        foreach (var client in new[] { alice, lurker })
        {
            var notice = await client.ReadUntilAsync(ResponseKinds.Info);
            Assert.Contains("shutting down", WireClient.Text(notice));
            Assert.Null(await client.ReadAsync());
        }

        Assert.Equal(0, await server.Process.WaitForExitAsync());
    }

    [Fact]
    public async Task Settings_come_from_environment_variables_and_flags()
    {
        var environment = new Dictionary<string, string> { ["PARLEY__MAXMESSAGELENGTH"] = "10" };
        await using var server = await ServerProcess.StartAsync(environment, "--history-format", "Objects");
        await using var client = await WireClient.ConnectAsync(server.Port);
        await client.LoginAsync("carol");

        await client.SendAsync("msg", "0123456789A");
        var error = await client.ReadUntilAsync(ResponseKinds.Error);
        Assert.Equal(ErrorCodes.MessageTooLong, error.GetProperty("code").GetString());

        await client.SendAsync("msg", "0123456789");
        await client.ReadUntilAsync(ResponseKinds.Message);
        await client.SendAsync("history", null);
        var history = await client.ReadUntilAsync(ResponseKinds.History);
        Assert.Equal("0123456789", history.GetProperty("content")[0].GetProperty("content").GetString());
    }
}
