using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A client on a pipe pair, no socket (like SignalR's TestClient): the server's connection handler runs the
/// session over one end, the test reads and writes the other. When the handler returns, the connection is
/// closed as Kestrel would close it.
/// </summary>
public sealed class InMemoryClient : TestClient
{
    private readonly Pipe _toServer;
    private readonly Pipe _toClient;

    private InMemoryClient(Pipe toServer, Pipe toClient, FlushRecordingWriter serverOutput)
        : base(new PayloadReader(toClient.Reader))
    {
        _toServer = toServer;
        _toClient = toClient;
        ServerFlushes = serverOutput;
    }

    /// <summary>Where each of the server's writes to this client ended.</summary>
    internal FlushRecordingWriter ServerFlushes { get; }

    /// <summary>Completes when the server's connection handler has returned.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Connects; <paramref name="remoteAddress"/> plays the client's IP (null: none, as a pipe has).</summary>
    internal static InMemoryClient Connect(ConnectionHandler handler, string connectionId, IPAddress? remoteAddress = null)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var serverOutput = new FlushRecordingWriter(toClient.Writer);
        var client = new InMemoryClient(toServer, toClient, serverOutput);
        var transport = new DuplexPipe(toServer.Reader, serverOutput);
        var application = new DuplexPipe(toClient.Reader, toServer.Writer);
        var context = new DefaultConnectionContext(connectionId, transport, application)
        {
            RemoteEndPoint = remoteAddress is null ? null : new IPEndPoint(remoteAddress, 50000),
        };
        client.Completion = RunAsync(handler, context, transport);
        return client;
    }

    public override async Task SendRawAsync(ReadOnlyMemory<byte> bytes) => await _toServer.Writer.WriteAsync(bytes);

    /// <summary>The client goes away without logging out (end of stream, like a closed socket).</summary>
    public async Task DisconnectAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Completion.WaitAsync(TestTimeouts.Payload);
    }

    public override async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();

        // The server may still be writing; reading on lets it finish, as a live peer would.
        await ReadUntilClosedAsync();
        await Completion.WaitAsync(TestTimeouts.Payload);
        await _toClient.Reader.CompleteAsync();
    }

    private static async Task RunAsync(ConnectionHandler handler, ConnectionContext context, DuplexPipe transport)
    {
        await Task.Yield();
        try
        {
            await handler.OnConnectedAsync(context);
        }
        finally
        {
            await transport.Output.CompleteAsync();
            await transport.Input.CompleteAsync();
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
