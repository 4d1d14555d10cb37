using System.Net.Sockets;
using System.Text;

namespace Parley.Client.Tests.Peers;

/// <summary>The server side of one client connection of a <see cref="PeerServer"/>.</summary>
public sealed class PeerSession(Socket socket, PeerServer server)
{
    public PeerServer Server => server;

    public string? Username { get; set; }

    /// <summary>The room the client is in, for peers that have rooms.</summary>
    public string Room { get; set; } = "lobby";

    /// <summary>One write: what the peer put in one <c>send()</c> call.</summary>
    public async Task SendAsync(string chunk)
    {
        var bytes = Encoding.UTF8.GetBytes(chunk);
        await socket.SendAsync(bytes, SocketFlags.None);
    }

    /// <summary>
    /// One payload split across two writes with a pause between, as slow peers do. The pause imitates the
    /// peer; nothing in the test waits on it.
    /// </summary>
    public async Task SendSplitAsync(string payload)
    {
        var middle = payload.Length / 2;
        await SendAsync(payload[..middle]);
        await Task.Delay(100);
        await SendAsync(payload[middle..]);
    }

    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed already: by the client, or by an earlier drop.
        }

        socket.Close();
    }
}
