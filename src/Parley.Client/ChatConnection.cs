using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Parley.Protocol;

namespace Parley.Client;

/// <summary>
/// One TCP connection to a KTN chat server. Sends one request per write with <c>TCP_NODELAY</c>, paced
/// (<see cref="ChatConnectionOptions.RequestSpacing"/> unless the previous request was answered); receives
/// through a <see cref="PipeReader"/> and the tolerant <see cref="JsonFrameReader"/>, one
/// <see cref="ServerEvent"/> per value. <see cref="State"/> follows the session (login, extensions).
/// One reader (<see cref="ReadAllAsync"/>) and any number of senders may run at once.
/// </summary>
public sealed class ChatConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly ChatConnectionOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _answerLock = new();
    private long _lastSendTimestamp;
    private JsonFrameReaderState _framing;
    private TaskCompletionSource _answered = NewAnswered(completed: true);
    private int _disposed;

    private ChatConnection(Socket socket, ChatConnectionOptions options, ClientState state)
    {
        _socket = socket;
        _options = options;
        State = state;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>The session as seen from here; a reconnecting client passes the same one to each new connection.</summary>
    public ClientState State { get; }

    /// <summary>Why <see cref="ReadAllAsync"/> ended early, when it was not a clean close by the server.</summary>
    public Exception? ReceiveError { get; private set; }

    /// <summary>Connects to <paramref name="host"/> (a name or an address; every address is tried) and <paramref name="port"/>.</summary>
    /// <exception cref="SocketException">Nothing listens there, or the name does not resolve.</exception>
    public static Task<ChatConnection> ConnectAsync(string host, int port, ChatConnectionOptions? options, CancellationToken cancellationToken)
        => ConnectAsync(host, port, options, null, cancellationToken);

    /// <param name="host">A name or an address.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <param name="state">The state to follow the session in (kept across reconnects); <see langword="null"/> for a new one.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    public static async Task<ChatConnection> ConnectAsync(string host, int port, ChatConnectionOptions? options, ClientState? state, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new ChatConnection(socket, options ?? ChatConnectionOptions.Default, state ?? new ClientState());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static Task<ChatConnection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
        => ConnectAsync(host, port, null, cancellationToken);

    /// <summary>
    /// Sends one request in its own write. Waits first while the previous request is unanswered and younger
    /// than the spacing, so a peer server that reads once per request sees them one by one.
    /// </summary>
    public async Task SendAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var line = PayloadWriter.ToLine(request);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await WaitForSpacingAsync(cancellationToken);
            State.OnSent(request);
            lock (_answerLock)
            {
                _answered = NewAnswered(completed: false);
                _lastSendTimestamp = TimeProvider.System.GetTimestamp();
            }

            await _stream.WriteAsync(line, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Waits until something arrived after the last request, at most <paramref name="timeout"/>; true when it did.</summary>
    public async Task<bool> WaitForAnswerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task answered;
        lock (_answerLock)
        {
            answered = _answered.Task;
        }

        try
        {
            await answered.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The events the server sends, in order, until it closes the connection (or the connection breaks: see
    /// <see cref="ReceiveError"/>). Anything unreadable arrives as a <see cref="ServerEventKind.Raw"/> event.
    /// </summary>
    public async IAsyncEnumerable<ServerEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await ReadSafelyAsync(cancellationToken);
            if (result is not { } read)
            {
                yield break;
            }

            var buffer = read.Buffer;
            var events = new List<ServerEvent>();
            while (true)
            {
                var before = buffer;
                if (!JsonFrameReader.TryReadFrame(ref buffer, ref _framing, _options.MaxFrameBytes, read.IsCompleted, out var frame))
                {
                    break;
                }

                events.Add(ToEvent(frame, before, buffer));
            }

            // Consumed up to the last whole frame; everything held was examined, so wait for more bytes.
            _reader.AdvanceTo(buffer.Start, buffer.End);
            foreach (var received in events)
            {
                State.OnReceived(received);
                MarkAnswered();
                yield return received;
            }

            if (read.IsCompleted)
            {
                yield break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Both the reconnect logic (on a drop) and the owner (at the end) may close the same connection.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        MarkAnswered();
        await _reader.CompleteAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the peer: nothing left to shut down.
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private static ServerEvent ToEvent(JsonFrame frame, ReadOnlySequence<byte> before, ReadOnlySequence<byte> after)
    {
        var now = TimeProvider.System.GetUtcNow();
        return frame.Kind switch
        {
            JsonFrameKind.Value => ResponseReader.Read(frame.Payload, now),
            JsonFrameKind.TooLarge => ResponseReader.Unreadable("(a payload larger than the frame limit was dropped)", now),
            // The framer skipped the garbage; show what it skipped.
            _ => ResponseReader.Unreadable(Encoding.UTF8.GetString(before.Slice(0, after.Start)).Trim(), now),
        };
    }

    private async Task<ReadResult?> ReadSafelyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _reader.ReadAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // A reset or a local close ends the stream like a close would; the caller can tell by ReceiveError.
            ReceiveError = ex;
            return null;
        }
    }

    private async Task WaitForSpacingAsync(CancellationToken cancellationToken)
    {
        Task answered;
        TimeSpan remaining;
        lock (_answerLock)
        {
            answered = _answered.Task;
            remaining = _options.RequestSpacing - TimeProvider.System.GetElapsedTime(_lastSendTimestamp);
        }

        if (answered.IsCompleted || remaining <= TimeSpan.Zero)
        {
            return;
        }

        // Pacing, not synchronisation: whichever comes first, the answer or the end of the spacing.
        await Task.WhenAny(answered, Task.Delay(remaining, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void MarkAnswered()
    {
        lock (_answerLock)
        {
            _answered.TrySetResult();
        }
    }

    private static TaskCompletionSource NewAnswered(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.TrySetResult();
        }

        return source;
    }
}
