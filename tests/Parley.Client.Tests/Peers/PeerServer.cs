using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Parley.Client.Tests.Peers;

/// <summary>
/// A real TCP server on 127.0.0.1 (port 0) that answers like one of the peer servers PROTOCOL.md describes
/// (<see cref="PeerHabits"/>). It records every chunk it received, so tests can check what the client sent
/// and how it was written. Reads like the Python peers: <c>recv(4096)</c>, then one request per line.
/// </summary>
public sealed class PeerServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<PeerSession, PeerRequest, Task> _habit;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _chunks = new();
    private readonly ConcurrentQueue<PeerRequest> _requests = new();
    private readonly ConcurrentDictionary<PeerSession, bool> _sessions = new();
    private readonly SemaphoreSlim _requestArrived = new(0);
    private readonly Task _acceptLoop;
    private int _disposed;

    public PeerServer(Func<PeerSession, PeerRequest, Task> habit)
    {
        _habit = habit;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Old messages the server replays as history.</summary>
    public List<(string Sender, string Text)> Messages { get; } = [("bob", "old one"), ("carol", "old two")];

    /// <summary>Every chunk received, one per <c>recv()</c>.</summary>
    public IReadOnlyList<string> Chunks => [.. _chunks];

    public IReadOnlyList<PeerRequest> Requests => [.. _requests];

    /// <summary>The connections open now.</summary>
    public IReadOnlyCollection<PeerSession> Sessions => [.. _sessions.Keys];

    /// <summary>Closes every open connection, as a crashing server would; new ones are still accepted.</summary>
    public void DropAll()
    {
        foreach (var session in _sessions.Keys)
        {
            session.Close();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (bounded by <see cref="Timeouts.Wait"/>).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Wait);
        while (_requests.Count < count)
        {
            await _requestArrived.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A test may stop the server early (to see the client cope) and dispose it again at the end.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Listener first, so nobody gets in while the open connections are closed (as a stopped server would).
        _listener.Stop();
        DropAll();
        await _stop.CancelAsync();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var session = new PeerSession(socket, this);
        _sessions[session] = true;
        var buffer = new byte[4096];
        var pending = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                var chunk = Encoding.UTF8.GetString(buffer, 0, read);
                _chunks.Enqueue(chunk);
                pending.Append(chunk);
                var text = pending.ToString();
                var lastNewline = text.LastIndexOf('\n');
                if (lastNewline < 0)
                {
                    continue;
                }

                pending.Clear().Append(text[(lastNewline + 1)..]);
                foreach (var line in text[..lastNewline].Split('\n'))
                {
                    var request = Parse(line);
                    _requests.Enqueue(request);
                    _requestArrived.Release();
                    await _habit(session, request);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the peer closed on purpose.
        }
        finally
        {
            _sessions.TryRemove(session, out _);
        }
    }

    private static PeerRequest Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var request = root.TryGetProperty("request", out var r) ? r.GetString() ?? "" : "";
        var content = root.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new PeerRequest(request, content, line);
    }
}
