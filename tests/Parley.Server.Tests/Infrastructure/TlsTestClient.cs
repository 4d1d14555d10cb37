using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A client of the chat port over TLS: a real socket, an SslStream trusting the test's certificate only.</summary>
public sealed class TlsTestClient : TestClient
{
    private readonly SslStream _stream;

    private TlsTestClient(SslStream stream)
        : base(new PayloadReader(PipeReader.Create(stream))) => _stream = stream;

    /// <summary>The handshake's outcome, for tests that check what was negotiated.</summary>
    public SslStream Stream => _stream;

    public static async Task<TlsTestClient> ConnectAsync(EndPoint endPoint, TestCertificate trusted)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).WaitAsync(TestTimeouts.Payload);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, presented, _, _) => trusted.Validate(presented),
            }).WaitAsync(TestTimeouts.Payload);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        return new TlsTestClient(stream);
    }

    public override async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes).AsTask().WaitAsync(TestTimeouts.Payload);
        await _stream.FlushAsync().WaitAsync(TestTimeouts.Payload);
    }

    public override ValueTask DisposeAsync() => _stream.DisposeAsync();
}
