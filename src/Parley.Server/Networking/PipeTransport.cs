using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Parley.Server.Sessions;

namespace Parley.Server.Networking;

/// <summary>
/// A Kestrel connection as a transport: TLS connections (the bytes must go through the encrypting stream) and
/// the in-memory pipe pairs of the tests. Every write goes through the connection's output pipe, one flush each.
/// </summary>
internal sealed class PipeTransport(ConnectionContext connection) : ChatTransport
{
    public override string ConnectionId => connection.ConnectionId;

    public override EndPoint? RemoteEndPoint => connection.RemoteEndPoint;

    public override PipeReader Input => connection.Transport.Input;

    // A pipe write may have to wait for the pipe's own flush: leave every write to the writer task.
    public override int TryWriteNow(ReadOnlySpan<byte> data) => 0;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var result = await connection.Transport.Output.WriteAsync(data, cancellationToken);
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new ConnectionAbortedException("The connection's output is closed.");
        }
    }

    public override void Abort(string reason) => connection.Abort(new ConnectionAbortedException(reason));
}
