using System.Globalization;
using Parley.EndToEnd.Tests;

namespace Parley.Web.Tests;

/// <summary>
/// The real server exe with its HTTP port on (the web client at <c>/</c>, the protocol at <c>/ws</c>), on fixed
/// loopback ports and a SQLite file of its own, so that <see cref="RestartAsync"/> brings it back where the page
/// looks and with what it kept. Disposing stops it and fails the test if it logged an error.
/// </summary>
internal sealed class WebServer : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly string[] _flags;
    private readonly List<string> _log = [];
    private ServerProcess _process;

    private WebServer(DirectoryInfo directory, int httpPort, string[] flags, ServerProcess process)
    {
        _directory = directory;
        HttpPort = httpPort;
        _flags = flags;
        _process = process;
    }

    public int TcpPort => _process.Port;

    public int HttpPort { get; }

    /// <summary>The web client's address, as a user would type it.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/");

    /// <summary>Starts the server; <paramref name="flags"/> adds command-line flags (e.g. a configured moderator).</summary>
    public static async Task<WebServer> StartAsync(params string[] flags)
    {
        var directory = Directory.CreateTempSubdirectory("parley-web-");
        var httpPort = ServerProcess.FreePort();
        string[] all =
        [
            "--db", Path.Combine(directory.FullName, "parley.db"),
            "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
            // Registering and logging in with a password in a test needs no production-strength hashing.
            "--Parley:PasswordIterations", "1000",
            .. flags,
        ];
        var process = await ServerProcess.StartAsync(ServerProcess.FreePort(), all);
        return new WebServer(directory, httpPort, all, process);
    }

    /// <summary>Stops the server as SIGTERM does (every connection is told and closed) and starts it again on the same ports and file.</summary>
    public async Task RestartAsync()
    {
        var port = TcpPort;
        await StopAsync();
        _process = await ServerProcess.StartAsync(port, _flags);
    }

    public Task<WireClient> ConnectTcpAsync() => WireClient.ConnectAsync(TcpPort);

    /// <summary>A TCP user, logged in and past the login history.</summary>
    public async Task<WireClient> LogInTcpAsync(string name)
    {
        var client = await ConnectTcpAsync();
        await client.LoginAsync(name);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Delete(recursive: true);
        var errors = _log.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "The server logged errors:\n" + string.Join('\n', _log));
    }

    private async Task StopAsync()
    {
        var process = _process.Process;
        process.Terminate();
        await process.WaitForExitAsync();
        await process.ReadToEndAsync();
        _log.AddRange(process.Seen);
        await _process.DisposeAsync();
    }
}
