using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parley.Server.Chat;
using Parley.Server.Hosting;
using Parley.Server.Networking;
using Parley.Storage;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real server, in process: <see cref="ParleyHost.Build"/> with <c>--port 0</c> on loopback, exactly as the
/// executable starts it, on a SQLite file of its own in a temporary directory. HTTP is off (<c>--http-port 0</c>,
/// or every test would want port 8080) unless the test asks for it with <see cref="AnyHttpPort"/>. Disposing
/// it stops the host, deletes the file and fails the test if the server logged an unexpected error.
/// </summary>
public sealed class SocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _directory;
    private bool _stopped;

    private SocketServer(WebApplication app, CapturingLoggerProvider logs, EndPoint endPoint, DirectoryInfo directory)
    {
        _app = app;
        Logs = logs;
        EndPoint = endPoint;
        _directory = directory;
    }

    public CapturingLoggerProvider Logs { get; }

    public EndPoint EndPoint { get; }

    /// <summary>Flags for a test of the HTTP port: on, at a port Kestrel picks (see <see cref="HttpEndPoint"/>).</summary>
    public static string[] AnyHttpPort { get; } = ["--http-port", "-1"];

    /// <summary>Where every listener is bound.</summary>
    public ListenerInfo Listeners => _app.Services.GetRequiredService<ListenerInfo>();

    /// <summary>The HTTP port's endpoint; fails when the test did not turn HTTP on.</summary>
    public EndPoint HttpEndPoint => Listeners.HttpEndPoint ?? throw new InvalidOperationException("HTTP is off: start the server with SocketServer.AnyHttpPort.");

    /// <summary>
    /// A client of the HTTP port (HTTPS with <paramref name="handler"/> trusting the test's certificate), with
    /// the payload timeout.
    /// </summary>
    public HttpClient CreateHttpClient(HttpMessageHandler? handler = null)
        => new(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri($"{(handler is null ? "http" : "https")}://{HttpEndPoint}/"),
            Timeout = TestTimeouts.Payload,
        };

    public ServerCounters Counters => _app.Services.GetRequiredService<ServerCounters>();

    /// <summary>The host's services, e.g. its <c>HealthCheckService</c>.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The chat core's live state: open connections, logged-in users, rooms.</summary>
    public ChatServer Chat => _app.Services.GetRequiredService<ChatServer>();

    /// <summary>The connection slots taken now (every connection, refused ones included until they close).</summary>
    public ConnectionLimiter Limiter => _app.Services.GetRequiredService<ConnectionLimiter>();

    /// <summary>The server's store (its SQLite file), for tests that check what it holds.</summary>
    public IChatStore Store => _app.Services.GetRequiredService<IChatStore>();

    /// <summary>
    /// Starts the server; <paramref name="flags"/> adds command-line flags, e.g. <c>"--queue-limit", "64"</c>
    /// (<c>"--db", path</c> puts the database elsewhere than the server's own temporary directory).
    /// The flood, connection and queued-bytes limits start generous (hundreds of clients from 127.0.0.1
    /// chatting in lock-step); a flag overrides them, as the last value of a key wins.
    /// </summary>
    public static async Task<SocketServer> StartAsync(params string[] flags)
    {
        var directory = Directory.CreateTempSubdirectory("parley-test-");
        string[] generous = [.. InMemoryServer.GenerousLimits.SelectMany(s => new[] { $"--{ChatServerOptions.SectionName}:{s.Key}", s.Value })];
        string[] args = ["--port", "0", "--http-port", "0", "--host", "127.0.0.1", "--db", Path.Combine(directory.FullName, "parley.db"), "--Logging:LogLevel:Default", "Warning", .. generous, .. flags];
        var app = ParleyHost.Build(args);
        var logs = new CapturingLoggerProvider();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await app.StartAsync().WaitAsync(TestTimeouts.Payload);
        var endPoint = app.Services.GetRequiredService<ListenerInfo>().EndPoint
            ?? throw new InvalidOperationException("The host started but published no endpoint.");
        return new SocketServer(app, logs, endPoint, directory);
    }

    public Task<TcpTestClient> ConnectAsync(int? receiveBufferSize = null) => TcpTestClient.ConnectAsync(EndPoint, receiveBufferSize);

    public async Task<TcpTestClient> LoginAsync(string name)
    {
        var client = await ConnectAsync();
        await client.LoginAsync(name);
        return client;
    }

    /// <summary>Graceful stop, as on Ctrl+C.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _app.StopAsync().WaitAsync(TestTimeouts.Scenario);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _app.DisposeAsync();
        _directory.Delete(recursive: true);
        Logs.AssertNoUnexpectedErrors();
    }
}
